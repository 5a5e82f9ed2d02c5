// Heavy work stops when nobody is waiting for it: a client that disconnects before its answer is
// sent aborts this signal, which the analysis runner turns into cancelling the job (unless another
// client waits for the same answer).
import type { FastifyReply } from 'fastify';

export function disconnectSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  // 'close' on the response also fires after a normal answer; only an unfinished one is a disconnect.
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
