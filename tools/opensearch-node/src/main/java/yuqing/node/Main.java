package yuqing.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts one OpenSearch 2.x node on 127.0.0.1 for tests and benchmarks.
 *
 * <p>Prints {@code YUQING_NODE_READY port=<http port>} once the cluster is yellow, then runs
 * until SIGTERM, or with {@code --stop-on-stdin-eof} until standard input closes (so a crashed
 * test runner never leaks a node). Without {@code --data} the node lives in a temporary directory.
 * Usage: {@code java -cp 'target/classes:target/lib/*' yuqing.node.Main [--port N] [--data DIR]}
 */
public final class Main {

    private static final String MODULES = String.join(",",
            "org.opensearch.analysis.common.CommonAnalysisPlugin",
            "org.opensearch.index.mapper.MapperExtrasPlugin",
            "org.opensearch.transport.Netty4Plugin");

    private Main() {
    }

    public static void main(final String[] args) throws Exception {
        int port = 0;
        String data = null;
        boolean watchStdin = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--data" -> data = value(args, ++i);
                case "--stop-on-stdin-eof" -> watchStdin = true;
                default -> throw new IllegalArgumentException(
                        "unknown option " + args[i] + " (use --port N, --data DIR, --stop-on-stdin-eof)");
            }
        }
        final int httpPort = port > 0 ? port : freePort();
        final int transportPort = freePort();
        final Path base = data != null ? Path.of(data) : Files.createTempDirectory("yuqing-opensearch");
        final OpenSearchRunner runner = new OpenSearchRunner();
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() -> stop(runner, stopped));
        Runtime.getRuntime().addShutdownHook(hook);
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", String.valueOf(transportPort));
            settings.put("discovery.type", "single-node");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("action.auto_create_index", "true");
        });
        runner.build(OpenSearchRunner.newConfigs()
                .basePath(base.toAbsolutePath().toString())
                .numOfNode(1)
                .clusterName("yuqing-test")
                .moduleTypes(MODULES));
        runner.ensureYellow();
        System.out.println("YUQING_NODE_READY port=" + httpPort);
        System.out.flush();
        if (watchStdin) {
            final Thread stdinWatcher = new Thread(() -> {
                drain(System.in);
                System.exit(0);
            }, "stdin-watcher");
            stdinWatcher.setDaemon(true);
            stdinWatcher.start();
        }
        stopped.await();
    }

    private static String value(final String[] args, final int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void drain(final InputStream in) {
        final byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // keep reading until the parent closes our stdin
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone: stop as on EOF
        }
    }

    private static void stop(final OpenSearchRunner runner, final CountDownLatch stopped) {
        try {
            runner.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("yuqing-node: error while stopping: " + e);
        } finally {
            stopped.countDown();
        }
    }
}
