import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.configuration.PropertiesConfiguration;

/**
 * Commons Configuration's reading of properties files, for comparison with a Python reader.
 *
 * <p>{@code CommonsOracle -} serves: each stdin line is one input as hex digits, loaded with
 * {@code PropertiesConfiguration.load(InputStream)} (the library's default encoding) with
 * includes disabled; the values of {@code include} lines are recorded as the reader returns
 * them. {@code CommonsOracle LIST} reads each file named in LIST (one path a line, UTF-8) with
 * {@code new PropertiesConfiguration(File)}, as the Neo4j server does, includes followed. Either
 * way one JSON line is printed per input: {"ok":true,"keys":[[key,[values...]],...],
 * "includes":[...]} or {"ok":false,"error":"class: message"}. Every char outside printable
 * ASCII is written as a backslash-u escape, so the output is plain ASCII. {@code CommonsOracle
 * --version} prints the library's version.
 */
public final class CommonsOracle {
    private CommonsOracle() {}

    /** Records the value of every include line the reader returns. */
    static final class RecordingFactory extends PropertiesConfiguration.DefaultIOFactory {
        final List<String> includes = new ArrayList<>();

        @Override
        public PropertiesConfiguration.PropertiesReader createPropertiesReader(
                Reader in, char delimiter) {
            return new PropertiesConfiguration.PropertiesReader(in, delimiter) {
                @Override
                public boolean nextProperty() throws IOException {
                    boolean more = super.nextProperty();
                    if (more && getPropertyName().equalsIgnoreCase(
                            PropertiesConfiguration.getInclude())) {
                        includes.add(getPropertyValue());
                    }
                    return more;
                }
            };
        }
    }

    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    static void error(StringBuilder out, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        out.append("{\"ok\":false,\"error\":");
        quote(out, e.getClass().getName() + ": " + e.getMessage());
        out.append(",\"cause\":");
        quote(out, root.getClass().getName() + ": " + root.getMessage());
        out.append("}\n");
    }

    static void describe(StringBuilder out, PropertiesConfiguration config, List<String> includes) {
        out.append("{\"ok\":true,\"keys\":[");
        boolean first = true;
        for (Iterator<String> keys = config.getKeys(); keys.hasNext();) {
            String key = keys.next();
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('[');
            quote(out, key);
            out.append(",[");
            Object value = config.getProperty(key);
            List<?> values = value instanceof List ? (List<?>) value : List.of(value);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(out, String.valueOf(values.get(i)));
            }
            out.append("]]");
        }
        out.append("],\"includes\":[");
        for (int i = 0; i < includes.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(out, includes.get(i));
        }
        out.append("]}\n");
    }

    static void fromStream(StringBuilder out, InputStream in) {
        RecordingFactory factory = new RecordingFactory();
        PropertiesConfiguration config = new PropertiesConfiguration();
        config.setIOFactory(factory);
        config.setIncludesAllowed(false);
        try {
            config.load(in);
        } catch (Exception e) {
            error(out, e);
            return;
        }
        describe(out, config, factory.includes);
    }

    static void fromFile(StringBuilder out, File file) {
        PropertiesConfiguration config;
        try {
            config = new PropertiesConfiguration(file);
        } catch (Exception e) {
            error(out, e);
            return;
        }
        describe(out, config, List.of());
    }

    static byte[] unhex(String line) {
        byte[] data = new byte[line.length() / 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) Integer.parseInt(line.substring(2 * i, 2 * i + 2), 16);
        }
        return data;
    }

    public static void main(String[] args) throws IOException {
        PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        StringBuilder out = new StringBuilder();
        if (args.length == 1 && args[0].equals("--version")) {
            // Debian's jar names its version only in the Maven metadata it carries.
            java.util.Properties pom = new java.util.Properties();
            try (InputStream in = PropertiesConfiguration.class.getResourceAsStream(
                    "/META-INF/maven/commons-configuration/commons-configuration/pom.properties")) {
                if (in != null) {
                    pom.load(in);
                }
            }
            stdout.println(pom.getProperty("version", "unknown"));
            stdout.flush();
            return;
        }
        if (args.length == 1 && args[0].equals("-")) {
            BufferedReader stdin = new BufferedReader(
                    new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String line;
            while ((line = stdin.readLine()) != null) {
                out.setLength(0);
                fromStream(out, new ByteArrayInputStream(unhex(line.trim())));
                stdout.print(out);
                stdout.flush();
            }
            return;
        }
        try (BufferedReader list = new BufferedReader(new InputStreamReader(
                new FileInputStream(args[0]), StandardCharsets.UTF_8))) {
            String path;
            while ((path = list.readLine()) != null) {
                fromFile(out, new File(path));
            }
        }
        stdout.print(out);
        stdout.flush();
    }
}
