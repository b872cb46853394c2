import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.apache.commons.configuration.BaseConfiguration;

/**
 * Reads "op hex" lines from stdin, stores the text under the key "k" of a Commons
 * Configuration and answers "ok hex(value)" or "err hex(exception)" for getBoolean/getInt.
 */
public final class CommonsValuesOracle {
    private CommonsValuesOracle() {
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

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            int space = line.indexOf(' ');
            String op = line.substring(0, space);
            BaseConfiguration config = new BaseConfiguration();
            config.setDelimiterParsingDisabled(true);
            config.setProperty("k", unhex(line.substring(space + 1)));
            try {
                String result = op.equals("bool")
                        ? Boolean.toString(config.getBoolean("k"))
                        : Integer.toString(config.getInt("k"));
                out.append("ok ").append(hex(result));
            } catch (RuntimeException e) {
                out.append("err ").append(hex(e.toString()));
            }
            out.append('\n');
        }
        System.out.print(out);
    }
}
