import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The JVM's reading of properties files, for comparison with a Python parser.
 *
 * <p>{@code PropsOracle LIST} loads each file named in LIST (one path a line, UTF-8) with
 * {@code Properties.load(InputStream)}. {@code PropsOracle -} serves: each stdin line is one
 * input as hex digits, loaded the same way from its bytes. Either way one JSON line is printed
 * per input: {"ok":true,"props":{...}} or {"ok":false,"error":"class: message"}. Every char
 * outside printable ASCII is written as a backslash-u escape, so the output is plain ASCII.
 */
public final class PropsOracle {
    private PropsOracle() {}

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

    static void describe(StringBuilder out, InputStream in) throws IOException {
        Properties props = new Properties();
        try {
            props.load(in);
        } catch (IllegalArgumentException e) {
            out.append("{\"ok\":false,\"error\":");
            quote(out, e.getClass().getName() + ": " + e.getMessage());
            out.append("}\n");
            return;
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            sorted.put(name, props.getProperty(name));
        }
        out.append("{\"ok\":true,\"props\":{");
        boolean first = true;
        for (var e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, e.getKey());
            out.append(':');
            quote(out, e.getValue());
        }
        out.append("}}\n");
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
        if (args.length == 1 && args[0].equals("-")) {
            BufferedReader stdin = new BufferedReader(
                    new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String line;
            while ((line = stdin.readLine()) != null) {
                out.setLength(0);
                describe(out, new ByteArrayInputStream(unhex(line.trim())));
                stdout.print(out);
                stdout.flush();
            }
            return;
        }
        try (BufferedReader list = new BufferedReader(new InputStreamReader(
                new FileInputStream(args[0]), StandardCharsets.UTF_8))) {
            String path;
            while ((path = list.readLine()) != null) {
                try (InputStream in = new FileInputStream(path)) {
                    describe(out, in);
                }
            }
        }
        stdout.print(out);
        stdout.flush();
    }
}
