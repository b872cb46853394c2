import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
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
            case "serverline33":
                return serverLine33(text);
            default:
                throw new IllegalStateException("unknown op " + op);
        }
    }

    /**
     * A server.N value read with the JDK calls ZooKeeper 3.3 makes, in its order: trim, split on
     * ":", the quorum port (parseInt and the socket address range check) before the part count
     * matters, then the election port and the peer type. The answer is "host|quorum|election|type",
     * or "dropped" for more than four parts (3.3 logs those and goes on). The socket address is
     * created unresolved, so no name is looked up.
     */
    private static String serverLine33(String raw) {
        String[] parts = raw.trim().split(":");
        boolean form = parts.length >= 2 && parts.length <= 4;
        InetSocketAddress.createUnresolved(parts[0], Integer.parseInt(parts[1]));
        if (!form) {
            return "dropped";
        }
        String election = "";
        String type = "participant";
        if (parts.length > 2) {
            election = Integer.toString(
                    InetSocketAddress.createUnresolved(parts[0], Integer.parseInt(parts[2])).getPort());
        }
        if (parts.length == 4) {
            String kind = parts[3].toLowerCase();
            if (!kind.equals("observer") && !kind.equals("participant")) {
                throw new IllegalArgumentException("Unrecognised peertype: " + raw.trim());
            }
            type = kind;
        }
        return parts[0] + "|" + Integer.parseInt(parts[1]) + "|" + election + "|" + type;
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
