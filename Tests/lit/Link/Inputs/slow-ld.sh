#!/bin/sh
# A stand-in for the system linker that takes its time: swad-ld can be interrupted while it runs.
exec sleep 5 > /dev/null 2>&1
