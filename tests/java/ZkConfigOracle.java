import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;

/**
 * Runs ZooKeeper's own QuorumPeerConfig.parse on many coordinator homes in one JVM.
 *
 * <p>Usage: {@code java ZkConfigOracle HOME [HOME...]} with the working directory an empty
 * scratch directory that holds only the marker file {@code .zk-oracle-stage}. A relative
 * {@code dataDir} resolves against the JVM's working directory, which Java cannot change, so
 * each home is copied byte for byte into the working directory and {@code conf/coord.cfg} is
 * parsed from there: exactly what {@code cd HOME && QuorumPeerMain conf/coord.cfg} sees.
 *
 * <p>Prints one line per home: {@code ORACLE<TAB>index<TAB>ACCEPT} or
 * {@code ORACLE<TAB>index<TAB>REJECT <class>: <message>} naming the innermost cause.
 */
public final class ZkConfigOracle {
    private static final String MARKER = ".zk-oracle-stage";
    private static final String CFG = "conf/coord.cfg";

    private ZkConfigOracle() {}

    public static void main(String[] args) throws IOException {
        Path stage = Paths.get("").toAbsolutePath();
        if (!Files.isRegularFile(stage.resolve(MARKER))) {
            System.err.println("refusing to run: the working directory has no " + MARKER);
            System.exit(2);
        }
        Properties pristine = (Properties) System.getProperties().clone();
        for (int i = 0; i < args.length; i++) {
            clearStage(stage);
            copyTree(Paths.get(args[i]), stage);
            String verdict = parse();
            // parse() turns unknown keys into system properties and flips static switches:
            // undo both so one case never leaks into the next.
            System.setProperties((Properties) pristine.clone());
            QuorumPeerConfig.setStandaloneEnabled(true);
            QuorumPeerConfig.setReconfigEnabled(false);
            System.out.println("ORACLE\t" + i + "\t" + verdict);
        }
        clearStage(stage);
        System.out.flush();
    }

    private static String parse() {
        QuorumPeerConfig.setStandaloneEnabled(true);
        QuorumPeerConfig.setReconfigEnabled(false);
        try {
            new QuorumPeerConfig().parse(CFG);
            return "ACCEPT";
        } catch (Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = String.valueOf(root.getMessage()).replace("\r", "\\r").replace("\n", "\\n");
            return "REJECT " + root.getClass().getName() + ": " + message;
        }
    }

    private static void clearStage(Path stage) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(stage)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals(MARKER)) {
                    deleteTree(entry);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.isSymbolicLink(root) || !Files.isDirectory(root)) {
            Files.delete(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(file).toString());
                Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
