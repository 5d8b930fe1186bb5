// swad's MPI runtime: what the derivative code calls in place of an MPI routine of the table
// (Sources/SwadAD/Rules/MPI/MPIRoutines.swift). scripts/gen-runtime mpi compiles this file (against
// Open MPI's mpi.h) to LLVM IR kept in Sources/SwadAD/Rules/MPI/MPIRuntimeIR.swift; swad links that
// IR into a module whose derivatives call it. Nothing here is linked into swad itself.
//
// Three families per routine R, for MPI_DOUBLE and MPI_FLOAT buffers:
//   swad_mpi_fwd_R(args of R…, tangent of each buffer…)         forward mode: R, then R on tangents
//   swad_mpi_aug_R(args of R…, shadow of each buffer…) -> rec   reverse mode, forward sweep: R, and a
//                                                                record of what the reverse sweep needs
//   swad_mpi_rev_R(rec, shadow of each buffer…)                  reverse mode, reverse sweep: the adjoint
// A null shadow or tangent (a buffer without one) is read as zeros and written nowhere, so the
// messages of every rank still match. A shadow equal to its primal pointer (constant data) is none.
// Non-blocking requests: the record of an MPI_Isend/MPI_Irecv is kept in a list of live requests,
// keyed by the request's handle, until the MPI_Wait/MPI_Waitall that completes it claims it.
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SEND, RECV, ISEND, IRECV };

typedef struct swad_mpi_record {
  int kind, count, peer, tag, started, in_place;
  MPI_Datatype type;
  MPI_Comm comm;
  void *buf;              // the primal buffer (where its shadow must not be touched)
  void *shadow;           // a non-blocking operation's shadow or tangent, as the forward sweep saw it
  void *tmp;              // an adjoint received, or zeros sent
  int *owners;            // MPI_MAX/MPI_MIN: the rank whose value each element took
  MPI_Request primal;     // the request's handle, while it is live
  MPI_Request adjoint;    // the tangent's request (forward), or the adjoint's (reverse)
  struct swad_mpi_record *next;
} swad_mpi_record;

typedef struct {
  int count;
  swad_mpi_record *records[];
} swad_mpi_waited;

swad_mpi_record *swad_mpi_live;

static void fail(const char *routine, const char *why) {
  fprintf(stderr, "swad: %s inside a differentiated function: %s\n", routine, why);
  MPI_Abort(MPI_COMM_WORLD, 70);
}

static size_t element_size(MPI_Datatype type) { return type == MPI_DOUBLE ? sizeof(double) : sizeof(float); }
static void *shadow_or_null(void *shadow, const void *primal) { return shadow == primal ? NULL : shadow; }
static void *zeros(int count, MPI_Datatype type) { return calloc(count > 0 ? (size_t)count : 1, element_size(type)); }
static void clear(void *shadow, int count, MPI_Datatype type) {
  if (shadow && count > 0) memset(shadow, 0, (size_t)count * element_size(type));
}
static void add_into(void *shadow, const void *delta, int count, MPI_Datatype type) {
  if (!shadow) return;
  if (type == MPI_DOUBLE) {
    double *s = shadow;
    const double *d = delta;
    for (int i = 0; i < count; i++) s[i] += d[i];
  } else {
    float *s = shadow;
    const float *d = delta;
    for (int i = 0; i < count; i++) s[i] += d[i];
  }
}
// Adds delta[i] where this rank owns element i (its value was the extremum).
static void add_owned(void *shadow, const void *delta, const int *owners, int rank, int count, MPI_Datatype type) {
  if (!shadow) return;
  for (int i = 0; i < count; i++) {
    if (owners[i] != rank) continue;
    if (type == MPI_DOUBLE) ((double *)shadow)[i] += ((const double *)delta)[i];
    else ((float *)shadow)[i] += ((const float *)delta)[i];
  }
}
static void keep_owned(void *values, const int *owners, int rank, int count, MPI_Datatype type) {
  for (int i = 0; i < count; i++) {
    if (owners[i] == rank) continue;
    if (type == MPI_DOUBLE) ((double *)values)[i] = 0;
    else ((float *)values)[i] = 0;
  }
}
static int rank_in(MPI_Comm comm) {
  int rank;
  MPI_Comm_rank(comm, &rank);
  return rank;
}
static int size_of(MPI_Comm comm) {
  int size;
  MPI_Comm_size(comm, &size);
  return size;
}
static swad_mpi_record *record(int kind, const void *buf, int count, MPI_Datatype type, int peer, int tag, MPI_Comm comm) {
  swad_mpi_record *r = calloc(1, sizeof *r);
  r->kind = kind;
  r->buf = (void *)buf;
  r->count = count;
  r->type = type;
  r->peer = peer;
  r->tag = tag;
  r->comm = comm;
  r->adjoint = MPI_REQUEST_NULL;
  return r;
}
static void release(swad_mpi_record *r) {
  free(r->tmp);
  free(r->owners);
  free(r);
}
static void make_live(swad_mpi_record *r, MPI_Request handle) {
  r->primal = handle;
  r->next = swad_mpi_live;
  swad_mpi_live = r;
}
// The live record of a request about to complete, taken off the list; null for a request that the
// differentiated code did not start through this runtime (integers, say).
static swad_mpi_record *claim(MPI_Request handle) {
  if (handle == MPI_REQUEST_NULL) return NULL;
  for (swad_mpi_record **p = &swad_mpi_live; *p; p = &(*p)->next) {
    if ((*p)->primal == handle) {
      swad_mpi_record *r = *p;
      *p = r->next;
      r->next = NULL;
      return r;
    }
  }
  return NULL;
}
static int is_extremum(MPI_Op op) { return op == MPI_MAX || op == MPI_MIN; }

// The reduction of `in` by MPI_MAX/MPI_MIN computed as MPI_MAXLOC/MPI_MINLOC over (value, rank)
// pairs, so that every rank learns which rank each element came from; on ties the lowest rank wins
// (MPI_MAXLOC's rule). The values go to `out` (when not null); the owners are returned.
static int *extremum(const void *in, void *out, int count, MPI_Datatype type, MPI_Op op, MPI_Comm comm) {
  int rank = rank_in(comm);
  int *owners = malloc((count > 0 ? (size_t)count : 1) * sizeof(int));
  MPI_Op located = op == MPI_MAX ? MPI_MAXLOC : MPI_MINLOC;
  if (type == MPI_DOUBLE) {
    struct { double value; int rank; } *pairs = malloc((count > 0 ? (size_t)count : 1) * sizeof *pairs);
    for (int i = 0; i < count; i++) { pairs[i].value = ((const double *)in)[i]; pairs[i].rank = rank; }
    MPI_Allreduce(MPI_IN_PLACE, pairs, count, MPI_DOUBLE_INT, located, comm);
    for (int i = 0; i < count; i++) { if (out) ((double *)out)[i] = pairs[i].value; owners[i] = pairs[i].rank; }
    free(pairs);
  } else {
    struct { float value; int rank; } *pairs = malloc((count > 0 ? (size_t)count : 1) * sizeof *pairs);
    for (int i = 0; i < count; i++) { pairs[i].value = ((const float *)in)[i]; pairs[i].rank = rank; }
    MPI_Allreduce(MPI_IN_PLACE, pairs, count, MPI_FLOAT_INT, located, comm);
    for (int i = 0; i < count; i++) { if (out) ((float *)out)[i] = pairs[i].value; owners[i] = pairs[i].rank; }
    free(pairs);
  }
  return owners;
}
static void require_sum_or_extremum(const char *routine, MPI_Op op) {
  if (op != MPI_SUM && !is_extremum(op)) fail(routine, "only MPI_SUM, MPI_MAX and MPI_MIN have derivatives");
}

// MARK: - Forward mode

int swad_mpi_fwd_Send(const void *buf, int count, MPI_Datatype type, int dest, int tag, MPI_Comm comm, void *d) {
  MPI_Send(buf, count, type, dest, tag, comm);
  d = shadow_or_null(d, buf);
  void *z = d ? NULL : zeros(count, type);
  MPI_Send(d ? d : z, count, type, dest, tag, comm);
  free(z);
  return MPI_SUCCESS;
}

int swad_mpi_fwd_Recv(void *buf, int count, MPI_Datatype type, int source, int tag, MPI_Comm comm, MPI_Status *status,
                      void *d) {
  MPI_Status got;
  MPI_Recv(buf, count, type, source, tag, comm, &got);
  if (status != MPI_STATUS_IGNORE) *status = got;
  d = shadow_or_null(d, buf);
  void *z = d ? NULL : zeros(count, type);
  MPI_Recv(d ? d : z, count, type, got.MPI_SOURCE, got.MPI_TAG, comm, MPI_STATUS_IGNORE);
  free(z);
  return MPI_SUCCESS;
}

int swad_mpi_fwd_Isend(const void *buf, int count, MPI_Datatype type, int dest, int tag, MPI_Comm comm,
                       MPI_Request *request, void *d) {
  MPI_Isend(buf, count, type, dest, tag, comm, request);
  swad_mpi_record *r = record(ISEND, buf, count, type, dest, tag, comm);
  d = shadow_or_null(d, buf);
  if (!d) r->tmp = zeros(count, type);
  MPI_Isend(d ? d : r->tmp, count, type, dest, tag, comm, &r->adjoint);
  make_live(r, *request);
  return MPI_SUCCESS;
}

int swad_mpi_fwd_Irecv(void *buf, int count, MPI_Datatype type, int source, int tag, MPI_Comm comm,
                       MPI_Request *request, void *d) {
  if (source == MPI_ANY_SOURCE || tag == MPI_ANY_TAG)
    fail("MPI_Irecv", "MPI_ANY_SOURCE and MPI_ANY_TAG are not supported in forward mode");
  MPI_Irecv(buf, count, type, source, tag, comm, request);
  swad_mpi_record *r = record(IRECV, buf, count, type, source, tag, comm);
  d = shadow_or_null(d, buf);
  if (!d) r->tmp = zeros(count, type);
  MPI_Irecv(d ? d : r->tmp, count, type, source, tag, comm, &r->adjoint);
  make_live(r, *request);
  return MPI_SUCCESS;
}

int swad_mpi_fwd_Wait(MPI_Request *request, MPI_Status *status) {
  swad_mpi_record *r = claim(*request);
  MPI_Wait(request, status);
  if (r) {
    MPI_Wait(&r->adjoint, MPI_STATUS_IGNORE);
    release(r);
  }
  return MPI_SUCCESS;
}

int swad_mpi_fwd_Waitall(int count, MPI_Request *requests, MPI_Status *statuses) {
  swad_mpi_record **records = malloc((count > 0 ? (size_t)count : 1) * sizeof *records);
  for (int i = 0; i < count; i++) records[i] = claim(requests[i]);
  MPI_Waitall(count, requests, statuses);
  for (int i = 0; i < count; i++) {
    if (!records[i]) continue;
    MPI_Wait(&records[i]->adjoint, MPI_STATUS_IGNORE);
    release(records[i]);
  }
  free(records);
  return MPI_SUCCESS;
}

int swad_mpi_fwd_Bcast(void *buf, int count, MPI_Datatype type, int root, MPI_Comm comm, void *d) {
  MPI_Bcast(buf, count, type, root, comm);
  d = shadow_or_null(d, buf);
  void *z = d ? NULL : zeros(count, type);
  MPI_Bcast(d ? d : z, count, type, root, comm);
  free(z);
  return MPI_SUCCESS;
}

// The tangent of an MPI_MAX/MPI_MIN reduction: each element's tangent from the rank that owned it.
static void *owned_tangents(const void *d, const int *owners, int count, MPI_Datatype type, MPI_Comm comm) {
  void *t = zeros(count, type);
  if (d) {
    memcpy(t, d, (size_t)count * element_size(type));
    keep_owned(t, owners, rank_in(comm), count, type);
  }
  return t;
}

int swad_mpi_fwd_Reduce(const void *sendbuf, void *recvbuf, int count, MPI_Datatype type, MPI_Op op, int root,
                        MPI_Comm comm, void *dsend, void *drecv) {
  require_sum_or_extremum("MPI_Reduce", op);
  int at_root = rank_in(comm) == root;
  int in_place = at_root && sendbuf == MPI_IN_PLACE;
  const void *in = in_place ? recvbuf : sendbuf;
  void *din = shadow_or_null(in_place ? drecv : dsend, in);
  drecv = at_root ? shadow_or_null(drecv, recvbuf) : NULL;
  void *sink = at_root && !drecv ? zeros(count, type) : NULL;
  void *out = drecv ? drecv : sink;
  if (is_extremum(op)) {
    int *owners = extremum(in, at_root ? recvbuf : NULL, count, type, op, comm);
    void *t = owned_tangents(din, owners, count, type, comm);
    MPI_Reduce(t, out, count, type, MPI_SUM, root, comm);
    free(t);
    free(owners);
  } else {
    MPI_Reduce(sendbuf, recvbuf, count, type, op, root, comm);
    void *z = din ? NULL : zeros(count, type);
    MPI_Reduce(in_place ? MPI_IN_PLACE : (din ? din : z), out, count, type, MPI_SUM, root, comm);
    free(z);
  }
  free(sink);
  return MPI_SUCCESS;
}

int swad_mpi_fwd_Allreduce(const void *sendbuf, void *recvbuf, int count, MPI_Datatype type, MPI_Op op,
                           MPI_Comm comm, void *dsend, void *drecv) {
  require_sum_or_extremum("MPI_Allreduce", op);
  int in_place = sendbuf == MPI_IN_PLACE;
  const void *in = in_place ? recvbuf : sendbuf;
  void *din = shadow_or_null(in_place ? drecv : dsend, in);
  drecv = shadow_or_null(drecv, recvbuf);
  void *sink = drecv ? NULL : zeros(count, type);
  void *out = drecv ? drecv : sink;
  if (is_extremum(op)) {
    int *owners = extremum(in, recvbuf, count, type, op, comm);
    void *t = owned_tangents(din, owners, count, type, comm);
    MPI_Allreduce(t, out, count, type, MPI_SUM, comm);
    free(t);
    free(owners);
  } else {
    MPI_Allreduce(sendbuf, recvbuf, count, type, op, comm);
    void *z = din ? NULL : zeros(count, type);
    MPI_Allreduce(in_place ? MPI_IN_PLACE : (din ? din : z), out, count, type, MPI_SUM, comm);
    free(z);
  }
  free(sink);
  return MPI_SUCCESS;
}

static void require_not_in_place(const char *routine, const void *buffer) {
  if (buffer == MPI_IN_PLACE) fail(routine, "MPI_IN_PLACE is not supported");
}

int swad_mpi_fwd_Gather(const void *sendbuf, int sendcount, MPI_Datatype sendtype, void *recvbuf, int recvcount,
                        MPI_Datatype recvtype, int root, MPI_Comm comm, void *dsend, void *drecv) {
  require_not_in_place("MPI_Gather", sendbuf);
  MPI_Gather(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, comm);
  int at_root = rank_in(comm) == root;
  dsend = shadow_or_null(dsend, sendbuf);
  drecv = at_root ? shadow_or_null(drecv, recvbuf) : NULL;
  void *z = dsend ? NULL : zeros(sendcount, sendtype);
  void *sink = at_root && !drecv ? zeros(recvcount * size_of(comm), recvtype) : NULL;
  MPI_Gather(dsend ? dsend : z, sendcount, sendtype, drecv ? drecv : sink, recvcount, recvtype, root, comm);
  free(z);
  free(sink);
  return MPI_SUCCESS;
}

int swad_mpi_fwd_Scatter(const void *sendbuf, int sendcount, MPI_Datatype sendtype, void *recvbuf, int recvcount,
                         MPI_Datatype recvtype, int root, MPI_Comm comm, void *dsend, void *drecv) {
  require_not_in_place("MPI_Scatter", recvbuf);
  MPI_Scatter(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, comm);
  int at_root = rank_in(comm) == root;
  dsend = at_root ? shadow_or_null(dsend, sendbuf) : NULL;
  drecv = shadow_or_null(drecv, recvbuf);
  void *z = at_root && !dsend ? zeros(sendcount * size_of(comm), sendtype) : NULL;
  void *sink = drecv ? NULL : zeros(recvcount, recvtype);
  MPI_Scatter(dsend ? dsend : z, sendcount, sendtype, drecv ? drecv : sink, recvcount, recvtype, root, comm);
  free(z);
  free(sink);
  return MPI_SUCCESS;
}

// MARK: - Reverse mode, forward sweep (aug) and reverse sweep (rev)

void *swad_mpi_aug_Send(const void *buf, int count, MPI_Datatype type, int dest, int tag, MPI_Comm comm, void *d) {
  MPI_Send(buf, count, type, dest, tag, comm);
  return record(SEND, buf, count, type, dest, tag, comm);
}
// The adjoint of a send: the receiver's adjoint comes back, and is added into the buffer's shadow.
void swad_mpi_rev_Send(swad_mpi_record *r, void *d) {
  void *delta = zeros(r->count, r->type);
  MPI_Recv(delta, r->count, r->type, r->peer, r->tag, r->comm, MPI_STATUS_IGNORE);
  add_into(shadow_or_null(d, r->buf), delta, r->count, r->type);
  free(delta);
  release(r);
}

void *swad_mpi_aug_Recv(void *buf, int count, MPI_Datatype type, int source, int tag, MPI_Comm comm,
                        MPI_Status *status, void *d) {
  MPI_Status got;
  MPI_Recv(buf, count, type, source, tag, comm, &got);
  if (status != MPI_STATUS_IGNORE) *status = got;
  int received;
  MPI_Get_count(&got, type, &received);
  return record(RECV, buf, received, type, got.MPI_SOURCE, got.MPI_TAG, comm);
}
// The adjoint of a receive: the buffer's adjoint goes back to the sender, and is cleared here (the
// receive overwrote the buffer).
void swad_mpi_rev_Recv(swad_mpi_record *r, void *d) {
  d = shadow_or_null(d, r->buf);
  void *z = d ? NULL : zeros(r->count, r->type);
  MPI_Send(d ? d : z, r->count, r->type, r->peer, r->tag, r->comm);
  clear(d, r->count, r->type);
  free(z);
  release(r);
}

void *swad_mpi_aug_Isend(const void *buf, int count, MPI_Datatype type, int dest, int tag, MPI_Comm comm,
                         MPI_Request *request, void *d) {
  MPI_Isend(buf, count, type, dest, tag, comm, request);
  swad_mpi_record *r = record(ISEND, buf, count, type, dest, tag, comm);
  r->shadow = shadow_or_null(d, buf);
  make_live(r, *request);
  return r;
}
void *swad_mpi_aug_Irecv(void *buf, int count, MPI_Datatype type, int source, int tag, MPI_Comm comm,
                         MPI_Request *request, void *d) {
  MPI_Irecv(buf, count, type, source, tag, comm, request);
  swad_mpi_record *r = record(IRECV, buf, count, type, source, tag, comm);
  r->shadow = shadow_or_null(d, buf);
  make_live(r, *request);
  return r;
}

// The reverse of the wait that completed a non-blocking operation starts its adjoint: a receive of
// the adjoint for an MPI_Isend, a send of the buffer's adjoint for an MPI_Irecv. The reverse of the
// MPI_Isend/MPI_Irecv itself (run later by the reverse sweep) waits for it and finishes the adjoint.
static void start_adjoint(swad_mpi_record *r) {
  if (!r) return;
  r->started = 1;
  if (r->kind == ISEND) {
    r->tmp = zeros(r->count, r->type);
    MPI_Irecv(r->tmp, r->count, r->type, r->peer, r->tag, r->comm, &r->adjoint);
  } else {
    if (!r->shadow) r->tmp = zeros(r->count, r->type);
    MPI_Isend(r->shadow ? r->shadow : r->tmp, r->count, r->type, r->peer, r->tag, r->comm, &r->adjoint);
  }
}
// What an MPI_Irecv learns when it completes: who sent, with which tag, how much.
static void note_completion(swad_mpi_record *r, const MPI_Status *got) {
  if (!r || r->kind != IRECV) return;
  r->peer = got->MPI_SOURCE;
  r->tag = got->MPI_TAG;
  MPI_Get_count(got, r->type, &r->count);
}

void *swad_mpi_aug_Wait(MPI_Request *request, MPI_Status *status) {
  swad_mpi_record *r = claim(*request);
  MPI_Status got;
  MPI_Wait(request, &got);
  if (status != MPI_STATUS_IGNORE) *status = got;
  note_completion(r, &got);
  return r;
}
void swad_mpi_rev_Wait(swad_mpi_record *r) { start_adjoint(r); }

void *swad_mpi_aug_Waitall(int count, MPI_Request *requests, MPI_Status *statuses) {
  swad_mpi_waited *w = malloc(sizeof *w + (count > 0 ? (size_t)count : 1) * sizeof(swad_mpi_record *));
  w->count = count;
  MPI_Status *got = malloc((count > 0 ? (size_t)count : 1) * sizeof *got);
  for (int i = 0; i < count; i++) w->records[i] = claim(requests[i]);
  MPI_Waitall(count, requests, got);
  for (int i = 0; i < count; i++) {
    note_completion(w->records[i], &got[i]);
    if (statuses != MPI_STATUSES_IGNORE) statuses[i] = got[i];
  }
  free(got);
  return w;
}
void swad_mpi_rev_Waitall(swad_mpi_waited *w) {
  for (int i = w->count - 1; i >= 0; i--) start_adjoint(w->records[i]);
  free(w);
}

static void finish_adjoint(swad_mpi_record *r, const char *routine, void *d) {
  if (!r->started)
    fail(routine, "its request was not completed by MPI_Wait or MPI_Waitall inside the differentiated function");
  MPI_Wait(&r->adjoint, MPI_STATUS_IGNORE);
  d = shadow_or_null(d, r->buf);
  if (r->kind == ISEND) {
    add_into(d, r->tmp, r->count, r->type);
  } else {
    if (d != r->shadow) fail(routine, "the reverse sweep's shadow of the buffer is not the forward sweep's");
    clear(d, r->count, r->type);
  }
  release(r);
}
void swad_mpi_rev_Isend(swad_mpi_record *r, void *d) { finish_adjoint(r, "MPI_Isend", d); }
void swad_mpi_rev_Irecv(swad_mpi_record *r, void *d) { finish_adjoint(r, "MPI_Irecv", d); }

void *swad_mpi_aug_Bcast(void *buf, int count, MPI_Datatype type, int root, MPI_Comm comm, void *d) {
  MPI_Bcast(buf, count, type, root, comm);
  return record(SEND, buf, count, type, root, 0, comm);
}
// The adjoint of a broadcast: the adjoints of every rank's copy summed into the root's; the other
// ranks' buffers were overwritten, so their adjoints end here.
void swad_mpi_rev_Bcast(swad_mpi_record *r, void *d) {
  d = shadow_or_null(d, r->buf);
  void *z = d ? NULL : zeros(r->count, r->type);
  if (rank_in(r->comm) == r->peer) {
    MPI_Reduce(MPI_IN_PLACE, d ? d : z, r->count, r->type, MPI_SUM, r->peer, r->comm);
  } else {
    MPI_Reduce(d ? d : z, NULL, r->count, r->type, MPI_SUM, r->peer, r->comm);
    clear(d, r->count, r->type);
  }
  free(z);
  release(r);
}

void *swad_mpi_aug_Reduce(const void *sendbuf, void *recvbuf, int count, MPI_Datatype type, MPI_Op op, int root,
                          MPI_Comm comm, void *dsend, void *drecv) {
  require_sum_or_extremum("MPI_Reduce", op);
  int at_root = rank_in(comm) == root;
  swad_mpi_record *r = record(SEND, sendbuf, count, type, root, 0, comm);
  r->in_place = at_root && sendbuf == MPI_IN_PLACE;
  r->shadow = recvbuf;  // the primal receive buffer, to tell its shadow from constant data
  const void *in = r->in_place ? recvbuf : sendbuf;
  if (is_extremum(op)) r->owners = extremum(in, at_root ? recvbuf : NULL, count, type, op, comm);
  else MPI_Reduce(sendbuf, recvbuf, count, type, op, root, comm);
  return r;
}
// The adjoint of a reduction to the root: the root's adjoint of the result, broadcast, added into
// every rank's input (for MPI_MAX/MPI_MIN, into the owner's element only).
void swad_mpi_rev_Reduce(swad_mpi_record *r, void *dsend, void *drecv) {
  int rank = rank_in(r->comm), at_root = rank == r->peer;
  drecv = at_root ? shadow_or_null(drecv, r->shadow) : NULL;
  void *delta = zeros(r->count, r->type);
  if (drecv) memcpy(delta, drecv, (size_t)r->count * element_size(r->type));
  MPI_Bcast(delta, r->count, r->type, r->peer, r->comm);
  void *din = r->in_place ? drecv : shadow_or_null(dsend, r->buf);
  if (r->in_place) clear(drecv, r->count, r->type);
  else if (at_root) clear(drecv, r->count, r->type);
  if (r->owners) add_owned(din, delta, r->owners, rank, r->count, r->type);
  else add_into(din, delta, r->count, r->type);
  free(delta);
  release(r);
}

void *swad_mpi_aug_Allreduce(const void *sendbuf, void *recvbuf, int count, MPI_Datatype type, MPI_Op op,
                             MPI_Comm comm, void *dsend, void *drecv) {
  require_sum_or_extremum("MPI_Allreduce", op);
  swad_mpi_record *r = record(SEND, sendbuf, count, type, 0, 0, comm);
  r->in_place = sendbuf == MPI_IN_PLACE;
  r->shadow = recvbuf;
  const void *in = r->in_place ? recvbuf : sendbuf;
  if (is_extremum(op)) r->owners = extremum(in, recvbuf, count, type, op, comm);
  else MPI_Allreduce(sendbuf, recvbuf, count, type, op, comm);
  return r;
}
// The adjoint of an allreduce: every rank's adjoint of the result, summed over the ranks, added into
// every rank's input (for MPI_MAX/MPI_MIN, into the owner's element only).
void swad_mpi_rev_Allreduce(swad_mpi_record *r, void *dsend, void *drecv) {
  int rank = rank_in(r->comm);
  drecv = shadow_or_null(drecv, r->shadow);
  void *delta = zeros(r->count, r->type);
  if (drecv) memcpy(delta, drecv, (size_t)r->count * element_size(r->type));
  MPI_Allreduce(MPI_IN_PLACE, delta, r->count, r->type, MPI_SUM, r->comm);
  void *din = r->in_place ? drecv : shadow_or_null(dsend, r->buf);
  clear(drecv, r->count, r->type);
  if (r->owners) add_owned(din, delta, r->owners, rank, r->count, r->type);
  else add_into(din, delta, r->count, r->type);
  free(delta);
  release(r);
}

typedef struct {
  swad_mpi_record base;
  int recvcount;
  MPI_Datatype recvtype;
} swad_mpi_collective;

static void *collective(const void *sendbuf, int sendcount, MPI_Datatype sendtype, void *recvbuf, int recvcount,
                        MPI_Datatype recvtype, int root, MPI_Comm comm) {
  swad_mpi_record *r = record(SEND, sendbuf, sendcount, sendtype, root, 0, comm);
  swad_mpi_collective *c = realloc(r, sizeof *c);
  c->base.shadow = recvbuf;
  c->recvcount = recvcount;
  c->recvtype = recvtype;
  return c;
}

void *swad_mpi_aug_Gather(const void *sendbuf, int sendcount, MPI_Datatype sendtype, void *recvbuf, int recvcount,
                          MPI_Datatype recvtype, int root, MPI_Comm comm, void *dsend, void *drecv) {
  require_not_in_place("MPI_Gather", sendbuf);
  MPI_Gather(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, comm);
  return collective(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, comm);
}
// The adjoint of a gather: the root's adjoint of the gathered array, scattered back, added into each
// rank's input; the root's is cleared.
void swad_mpi_rev_Gather(swad_mpi_collective *c, void *dsend, void *drecv) {
  swad_mpi_record *r = &c->base;
  int at_root = rank_in(r->comm) == r->peer;
  int total = c->recvcount * size_of(r->comm);
  drecv = at_root ? shadow_or_null(drecv, r->shadow) : NULL;
  void *z = at_root && !drecv ? zeros(total, c->recvtype) : NULL;
  void *delta = zeros(r->count, r->type);
  MPI_Scatter(drecv ? drecv : z, c->recvcount, c->recvtype, delta, r->count, r->type, r->peer, r->comm);
  if (at_root) clear(drecv, total, c->recvtype);
  add_into(shadow_or_null(dsend, r->buf), delta, r->count, r->type);
  free(z);
  free(delta);
  release(r);
}

void *swad_mpi_aug_Scatter(const void *sendbuf, int sendcount, MPI_Datatype sendtype, void *recvbuf, int recvcount,
                           MPI_Datatype recvtype, int root, MPI_Comm comm, void *dsend, void *drecv) {
  require_not_in_place("MPI_Scatter", recvbuf);
  MPI_Scatter(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, comm);
  return collective(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, comm);
}
// The adjoint of a scatter: each rank's adjoint of its piece, gathered at the root and added into
// the root's input; the pieces were overwritten, so their adjoints are cleared.
void swad_mpi_rev_Scatter(swad_mpi_collective *c, void *dsend, void *drecv) {
  swad_mpi_record *r = &c->base;
  int at_root = rank_in(r->comm) == r->peer;
  int total = r->count * size_of(r->comm);
  drecv = shadow_or_null(drecv, r->shadow);
  void *z = drecv ? NULL : zeros(c->recvcount, c->recvtype);
  void *delta = at_root ? zeros(total, r->type) : NULL;
  MPI_Gather(drecv ? drecv : z, c->recvcount, c->recvtype, delta, r->count, r->type, r->peer, r->comm);
  clear(drecv, c->recvcount, c->recvtype);
  if (at_root) add_into(shadow_or_null(dsend, r->buf), delta, total, r->type);
  free(z);
  free(delta);
  release(r);
}
