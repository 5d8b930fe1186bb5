# lit configuration for swad's IR and runtime tests. Run through scripts/test, or directly:
#   /usr/lib/llvm-22/bin/lit -sv Tests/lit
import os
import shutil

import lit.formats

config.name = "swad"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".c", ".cpp", ".swift", ".test"]
config.excludes = ["Inputs", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.test_source_root, "Output")

repo = os.path.abspath(os.path.join(config.test_source_root, "..", ".."))
llvm_bin = "/usr/lib/llvm-22/bin"
build_dir = os.environ.get("SWAD_BUILD_DIR", os.path.join(repo, ".build", "debug"))
swiftc = os.environ.get("SWIFTC", shutil.which("swiftc") or "/opt/swift/usr/bin/swiftc")

config.environment["PATH"] = os.pathsep.join([llvm_bin, config.environment.get("PATH", os.environ["PATH"])])

# Flags that compile a test program to bitcode the way the swad driver does before AD: optimized,
# but not vectorized or unrolled.
cflags = "-O2 -fno-vectorize -fno-slp-vectorize -fno-unroll-loops -g -emit-llvm -c"

config.substitutions.append(("%swad-opt", os.path.join(build_dir, "swad-opt")))
config.substitutions.append(("%swad-ld", os.path.join(build_dir, "swad-ld")))
config.substitutions.append(("%swad-build-dir", build_dir))
config.substitutions.append(("%swad", os.path.join(build_dir, "swad")))
# Unoptimized input, as `clang -O0` leaves it: locals in stack slots, every function `optnone` (swad
# strips optnone from the functions it differentiates). Listed before %clang-ad, its prefix.
config.substitutions.append(("%clang-ad-O0", os.path.join(llvm_bin, "clang") + " -O0 -g -emit-llvm -c"))
config.substitutions.append(("%clang-ad", os.path.join(llvm_bin, "clang") + " " + cflags))
# C++ with clang++'s defaults (exceptions on), optimized and unoptimized (with optnone, as for C).
config.substitutions.append(("%clangxx-ad-O0", os.path.join(llvm_bin, "clang++") + " -O0 -g -emit-llvm -c"))
config.substitutions.append(("%clangxx-ad", os.path.join(llvm_bin, "clang++") + " " + cflags))
config.substitutions.append(("%clangxx", os.path.join(llvm_bin, "clang++")))
config.substitutions.append(("%clang", os.path.join(llvm_bin, "clang")))
config.substitutions.append(("%swiftc-ad", swiftc + " -O -wmo -parse-as-library -emit-bc"))
config.substitutions.append(("%swiftc", swiftc))
config.substitutions.append(("%opt", os.path.join(llvm_bin, "opt")))
config.substitutions.append(("%llvm-dis", os.path.join(llvm_bin, "llvm-dis")))
config.substitutions.append(("%llvm-nm", os.path.join(llvm_bin, "llvm-nm")))
config.substitutions.append(("%llvm-readobj", os.path.join(llvm_bin, "llvm-readobj")))
config.substitutions.append(("%llvm-ar", os.path.join(llvm_bin, "llvm-ar")))
# The example projects (examples/), which some tests build with their own build systems.
config.substitutions.append(("%examples", os.path.join(repo, "examples")))
# Corrupts bitcode at random (seeded) and runs a tool on each case; see the script's header.
config.substitutions.append(("%corrupt-bitcode", "python3 " + os.path.join(repo, "scripts", "corrupt-bitcode")))

if shutil.which("valgrind"):
    config.available_features.add("valgrind")
if shutil.which("gdb"):
    config.available_features.add("gdb")
# Build tools for the example projects (scripts/setup installs them), and Rust (rustup's or Debian's).
for tool in ["make", "cmake", "rustc", "cargo"]:
    if shutil.which(tool):
        config.available_features.add(tool)
# Examples that name the checkout's build folder (examples/lto-swiftpm/toolset.json) need it to be this one.
if os.path.abspath(build_dir) == os.path.join(repo, ".build", "debug"):
    config.available_features.add("default-build-dir")
# rustup's rustc and cargo find their toolchains through these.
for variable in ["HOME", "CARGO_HOME", "RUSTUP_HOME"]:
    if variable in os.environ:
        config.environment[variable] = os.environ[variable]

# Eigen (header-only, from scripts/setup) for the C++ runtime tests, and the host's vector
# extensions for the variants of those tests that Eigen vectorizes with AVX2/FMA or AVX-512.
if os.path.exists("/usr/include/eigen3/Eigen/Dense"):
    config.available_features.add("eigen")
    config.substitutions.append(("%eigen", "-I/usr/include/eigen3"))
# OpenBLAS (libopenblas-dev, from scripts/setup) for the BLAS runtime tests: its CBLAS header and
# library.
if any(os.path.exists(os.path.join(d, "libopenblas.so")) for d in ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"]) \
        and any(os.path.exists(os.path.join(d, "cblas.h")) for d in ["/usr/include/x86_64-linux-gnu", "/usr/include/aarch64-linux-gnu", "/usr/include", "/usr/include/openblas"]):
    config.available_features.add("openblas")
    config.substitutions.append(("%openblas", "-lopenblas -lm"))
try:
    with open("/proc/cpuinfo") as cpuinfo:
        cpu_flags = next((line.split(":", 1)[1].split() for line in cpuinfo if line.startswith("flags")), [])
except OSError:
    cpu_flags = []
if "avx2" in cpu_flags and "fma" in cpu_flags:
    config.available_features.add("x86-avx2")
if "avx512f" in cpu_flags:
    config.available_features.add("x86-avx512")
# Open MPI (scripts/setup) for the MPI tests: its compile and link flags (from mpicc), and mpirun as
# CI runs it (as root, more ranks than cores).
if shutil.which("mpicc") and shutil.which("mpirun"):
    import subprocess
    config.available_features.add("mpi")
    mpi_flags = lambda kind: subprocess.run(["mpicc", "--showme:" + kind], capture_output=True, text=True).stdout.strip()
    config.substitutions.append(("%mpi-cflags", mpi_flags("compile")))
    config.substitutions.append(("%mpi-libs", mpi_flags("link")))
    config.substitutions.append(("%mpirun", "mpirun --allow-run-as-root --oversubscribe"))
    for variable in ["OMPI_ALLOW_RUN_AS_ROOT", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "HOME"]:
        if variable in os.environ:
            config.environment[variable] = os.environ[variable]
# LLVM's OpenMP runtime (libomp-22-dev, from scripts/setup) for the OpenMP tests: clang-22 -fopenmp
# compiles against its omp.h and links it.
if os.path.exists("/usr/lib/llvm-22/lib/libomp.so"):
    config.available_features.add("openmp")
