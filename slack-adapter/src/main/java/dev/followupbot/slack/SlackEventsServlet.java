package dev.followupbot.slack;

import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.InboundTurns;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: events, slash commands and button clicks, on one URL as Slack
 * expects. Each request's raw bytes are checked with {@link SlackSignatureVerifier} before Bolt
 * sees anything; a request that fails gets 401 and changes nothing. Accepted requests go to Bolt's
 * {@link SlackAppServlet} (whose own, weaker check stays on), and the work that waits for the
 * acknowledgement starts once the response has been flushed. A signed payload Bolt cannot make
 * sense of (a missing user, {@code "actions": [null]}) is answered 400, never with Bolt's own 500,
 * and every refusal is JSON, never Bolt's plain text.
 *
 * <p>Slack's only defence against a captured request sent again is the timestamp window, and Bolt
 * does not notice repeats. So each accepted signature is recorded in the database (shared by every
 * node) before Bolt runs: an exact repeat within the window is answered 200 with an empty body and
 * has no effect, whether it is a command, a click, an event, a shortcut or a view submission.
 */
public final class SlackEventsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);

  /** Recorded signatures share the seen-events table (and its daily purge) under this prefix. */
  static final String REPLAY_KEY = "slack-signature";

  /** Slack's payloads are a few kilobytes; anything this big is not from Slack. */
  static final int MAX_BODY = 1 << 20;

  private final transient SlackSignatureVerifier verifier;
  private final transient InboundTurns inbound;
  private final transient SlackAppServlet bolt;
  private final transient AfterAck afterAck;

  SlackEventsServlet(
      SlackSignatureVerifier verifier,
      InboundTurns inbound,
      SlackAppServlet bolt,
      AfterAck afterAck) {
    this.verifier = verifier;
    this.inbound = inbound;
    this.bolt = bolt;
    this.afterAck = afterAck;
  }

  @Override
  public void init() throws ServletException {
    bolt.init(getServletConfig());
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      plain(response, 413, "{\"error\":\"request too large\"}");
      return;
    }
    SlackSignatureVerifier.Verdict verdict =
        verifier.verify(
            request.getHeader("X-Slack-Request-Timestamp"),
            request.getHeader("X-Slack-Signature"),
            body);
    if (verdict instanceof SlackSignatureVerifier.Verdict.Rejected rejected) {
      log.warn(
          "refused a request to {} from {}: {}",
          request.getRequestURI(),
          request.getRemoteAddr(),
          rejected.reason());
      plain(response, 401, "{\"error\":\"invalid request signature\"}");
      return;
    }
    String signature = request.getHeader("X-Slack-Signature").strip().toLowerCase(Locale.ROOT);
    if (!firstTime(signature, response)) {
      return;
    }
    afterAck.hold();
    try {
      FailureGuard guarded = new FailureGuard(response);
      bolt.service(new VerifiedRequest(request, body), guarded);
      if (guarded.failed) {
        throw new IllegalArgumentException("Bolt failed on it");
      }
      if (guarded.refused > 0) {
        log.info("Bolt refused a signed Slack request with {}", guarded.refused);
        response.resetBuffer();
        plain(response, guarded.refused, refusal(guarded.refused));
        return;
      }
      response.flushBuffer();
    } catch (RuntimeException | ServletException e) {
      // Bolt runs the listeners, and they answer every command themselves (the core turns its own
      // failures into a reply with a reference); what reaches here is a payload that Bolt or a
      // listener could not make sense of. It was signed, so it is Slack's (or a holder of the
      // secret's) mistake.
      log.warn("refused a signed but malformed Slack payload: {}", e.toString());
      log.debug("the malformed payload's failure", e);
      if (!response.isCommitted()) {
        response.resetBuffer();
        plain(response, 400, "{\"error\":\"malformed request\"}");
      }
    } finally {
      afterAck.release();
    }
  }

  /**
   * Records the signature; false (with the answer written) for a repeat, or when the database
   * cannot say.
   */
  private boolean firstTime(String signature, HttpServletResponse response) throws IOException {
    try {
      if (inbound.firstTime(EventKey.unscoped(REPLAY_KEY, signature))) {
        return true;
      }
    } catch (RuntimeException e) {
      log.warn("could not check a Slack request for a repeat: {}", e.toString());
      response.setHeader("Retry-After", "5");
      plain(response, 503, "{\"error\":\"temporarily unavailable\"}");
      return false;
    }
    log.info("ignored a repeat of a signed Slack request (the same signature was accepted before)");
    response.setStatus(200);
    response.setContentLength(0);
    return false;
  }

  private static String refusal(int status) {
    return switch (status) {
      case 401 -> "{\"error\":\"invalid request signature\"}";
      case 404 -> "{\"error\":\"nothing here handles this request\"}";
      default -> "{\"error\":\"malformed request\"}";
    };
  }

  private static void plain(HttpServletResponse response, int status, String json)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Keeps Bolt's own failure answer (a 500 with "Something is wrong") and its plain-text refusals
   * (a 400 "Invalid Request") from reaching the caller, so that the servlet can answer JSON
   * instead; everything else passes straight through.
   */
  private static final class FailureGuard extends HttpServletResponseWrapper {
    private boolean failed;
    private int refused;

    FailureGuard(HttpServletResponse response) {
      super(response);
    }

    private boolean replaced() {
      return failed || refused > 0;
    }

    @Override
    public void setStatus(int sc) {
      if (sc >= 500) {
        failed = true;
      } else if (sc >= 400) {
        refused = sc;
      } else {
        super.setStatus(sc);
      }
    }

    @Override
    public void setContentType(String type) {
      if (!replaced()) {
        super.setContentType(type);
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if (!replaced()) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!replaced()) {
        super.addHeader(name, value);
      }
    }

    @Override
    public java.io.PrintWriter getWriter() throws IOException {
      return replaced() ? new java.io.PrintWriter(java.io.Writer.nullWriter()) : super.getWriter();
    }

    @Override
    public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
      if (replaced()) {
        throw new IOException("the refusal is replaced");
      }
      return super.getOutputStream();
    }
  }

  /** The request with its body already read, handed to Bolt exactly as it was signed. */
  private static final class VerifiedRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    VerifiedRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body has already been read");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
