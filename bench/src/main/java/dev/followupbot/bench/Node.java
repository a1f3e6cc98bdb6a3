package dev.followupbot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A followup-bot server (or the baseline server) as its own JVM, as an operator runs it: for the
 * start-up time, the memory footprint, and the cluster of several nodes.
 */
final class Node implements AutoCloseable {

  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final StringBuffer output = new StringBuffer();
  final long startedNanos;

  private Node(Process process, int port, long startedNanos) {
    this.process = process;
    this.port = port;
    this.startedNanos = startedNanos;
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) > 0) {
                  output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "node-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code mainClass} (with args) on this JVM's class path, with {@code env} and PORT. */
  static Node start(String mainClass, Map<String, String> env, String... args) throws IOException {
    return start(List.of(), mainClass, env, args);
  }

  /** As {@link #start(String, Map, String...)}, with extra JVM options. */
  static Node start(
      List<String> jvmOptions, String mainClass, Map<String, String> env, String... args)
      throws IOException {
    return start(List.of(), jvmOptions, mainClass, env, args);
  }

  /**
   * As {@link #start(String, Map, String...)}, on one CPU only ({@code taskset}), as on a machine
   * with one core of its own; the JVM sizes its threads for one CPU too.
   */
  static Node startOnCpu(int cpu, String mainClass, Map<String, String> env, String... args)
      throws IOException {
    return start(
        List.of("taskset", "-c", Integer.toString(cpu)),
        List.of("-XX:ActiveProcessorCount=1"),
        mainClass,
        env,
        args);
  }

  /** Whether {@link #startOnCpu} can pin processes here (Linux with taskset, two CPUs or more). */
  static boolean canPin() {
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return false;
    }
    try {
      Process p = new ProcessBuilder("taskset", "-c", "0", "true").start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Node start(
      List<String> prefix,
      List<String> jvmOptions,
      String mainClass,
      Map<String, String> env,
      String... args)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dfile.encoding=UTF-8");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("LOG_LEVEL", "WARN");
    long start = System.nanoTime();
    return new Node(builder.start(), port, start);
  }

  /** Waits for GET /healthz to answer 200; returns the time since start in milliseconds. */
  double awaitHealthy(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the node stopped:\n" + output);
      }
      try (Response r =
          HTTP.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/healthz").build())
              .execute()) {
        if (r.code() == 200) {
          return (System.nanoTime() - startedNanos) / 1e6;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("no healthy /healthz within " + patience + ":\n" + output);
  }

  /** Heap in use after a full garbage collection, in MiB (jcmd GC.run, then GC.heap_info). */
  double heapAfterFullGcMiB() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("cannot read the heap from: " + info);
    }
    return Long.parseLong(m.group(1)) / 1024.0;
  }

  /** Resident set size in MiB, from /proc. */
  double rssMiB() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  private String jcmd(String what) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), what)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  /** kill -9. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  String output() {
    return output.toString();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
