package dev.followupbot.app.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each request body whole, without a thread, before any servlet sees the request. The
 * servlets read their bodies blocking; without this, a client that declares a body and sends it a
 * byte a second holds a request thread for as long as it likes, and a few hundred such clients hold
 * them all. Here a waiting body costs a connection and nothing else, and a body that has not
 * arrived {@link #deadline} after its headers gets 408 and the connection is closed. (Jetty's
 * {@code SizeLimitHandler}, outside this one, refuses a body over the limit before it is read.)
 */
final class BodyFirst extends Handler.Wrapper {

  private static final Logger log = LoggerFactory.getLogger(BodyFirst.class);

  private final Duration deadline;

  BodyFirst(Handler next, Duration deadline) {
    super(next);
    this.deadline = deadline;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.getLength() == 0
        || (request.getLength() < 0
            && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING))) {
      return super.handle(request, response, callback);
    }
    AtomicBoolean decided = new AtomicBoolean();
    Scheduler.Task timeout =
        request
            .getComponents()
            .getScheduler()
            .schedule(
                () -> {
                  if (decided.compareAndSet(false, true)) {
                    log.info(
                        "closed a request to {} from {}: its body did not arrive within {} s",
                        Request.getPathInContext(request),
                        Request.getRemoteAddr(request),
                        deadline.toSeconds());
                    Response.writeError(request, response, callback, 408);
                  }
                },
                deadline.toMillis(),
                TimeUnit.MILLISECONDS);
    Content.Source.asByteArrayAsync(
        request,
        -1,
        new Promise.Invocable<byte[]>() {
          @Override
          public void succeeded(byte[] body) {
            if (decided.compareAndSet(false, true)) {
              timeout.cancel();
              dispatch(new WholeBody(request, body), response, callback);
            }
          }

          @Override
          public void failed(Throwable failure) {
            if (decided.compareAndSet(false, true)) {
              timeout.cancel();
              int status = failure instanceof HttpException http ? http.getCode() : 400;
              log.info(
                  "refused a request to {} from {}: its body could not be read ({})",
                  Request.getPathInContext(request),
                  Request.getRemoteAddr(request),
                  status == 400 ? "it ended early or was malformed" : "status " + status);
              Response.writeError(request, response, callback, status);
            }
          }

          @Override
          public InvocationType getInvocationType() {
            // The servlets block; they must not run on a selector thread.
            return InvocationType.BLOCKING;
          }
        });
    return true;
  }

  private void dispatch(Request request, Response response, Callback callback) {
    try {
      if (!super.handle(request, response, callback)) {
        Response.writeError(request, response, callback, 404);
      }
    } catch (Throwable t) {
      Response.writeError(request, response, callback, t);
    }
  }

  /** The request with its body already in memory, read exactly as it arrived. */
  private static final class WholeBody extends Request.Wrapper {
    private final byte[] body;
    private boolean read;

    WholeBody(Request request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public long getLength() {
      return body.length;
    }

    @Override
    public synchronized Content.Chunk read() {
      if (read) {
        return Content.Chunk.EOF;
      }
      read = true;
      return Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }

    @Override
    public boolean consumeAvailable() {
      read = true;
      return true;
    }
  }
}
