import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads "op hex" lines from stdin and answers one line each: "ok hex(result)" or
 * "err hex(exception.toString())". The ops are the JDK primitives the key catalogue imitates.
 */
public final class ValuesOracle {
    private ValuesOracle() {
    }

    private static String hex(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }

    private static String unhex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String apply(String op, String text) {
        switch (op) {
            case "int":
                return Integer.toString(Integer.parseInt(text));
            case "long":
                return Long.toString(Long.parseLong(text));
            case "bool":
                return Boolean.toString(Boolean.parseBoolean(text));
            case "float":
                return Integer.toString(Float.floatToIntBits(Float.parseFloat(text)));
            case "trim":
                return text.trim();
            case "split":
                return String.join("\u0001", text.split(",")) + "\u0002" + text.split(",").length;
            default:
                throw new IllegalStateException("unknown op " + op);
        }
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            int space = line.indexOf(' ');
            String op = line.substring(0, space);
            String text = unhex(line.substring(space + 1));
            try {
                String result = apply(op, text);
                out.append("ok ").append(hex(result));
            } catch (RuntimeException e) {
                out.append("err ").append(hex(e.toString()));
            }
            out.append('\n');
        }
        System.out.print(out);
    }
}
