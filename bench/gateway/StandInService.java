import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Collections;
import java.util.concurrent.Executors;

/**
 * A stand-in for a KCDB service and for Keycloak's key endpoint, for bench/gateway-standalone.sh: it answers every
 * request (after reading its body) with a search-sized JSON page at once, serves a JWKS at
 * /realms/kcdb/protocol/openid-connect/certs, and writes a writer's access token signed with that key to the file named
 * by its second argument. JDK only (run as a single source file: java StandInService.java PORT TOKEN_FILE).
 */
public class StandInService {

    /** The records on the page: 10 (about 2 kB) unless KCDB_STANDIN_RECORDS says otherwise (a real search's page
     * of 100 records is some 100 to 300 kB). */
    static final int RECORDS = Integer.parseInt(System.getenv().getOrDefault("KCDB_STANDIN_RECORDS", "10"));

    static final byte[] PAGE = ("{\"data\":[" + String.join(",", Collections.nCopies(RECORDS,
            "{\"id\":12345,\"kcdbCode\":\"EURAMET-EM-DE-00001234\",\"metrologyAreaLabel\":\"EM\",\"rmo\":\"EURAMET\","
                    + "\"countryValue\":\"DE\",\"nmiCode\":\"PTB\",\"quantityValue\":\"DC voltage\","
                    + "\"instrument\":\"Zener reference\",\"uncertaintyConvention\":\"absolute\"}"))
            + "],\"totalElements\":" + RECORDS + "}").getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        byte[] jwks = ("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64(unsigned(publicKey.getModulus())) + "\",\"e\":\"" + b64(unsigned(publicKey.getPublicExponent()))
                + "\"}]}").getBytes(StandardCharsets.UTF_8);
        String issuer = "http://127.0.0.1:" + port + "/realms/kcdb";
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64(("{\"iss\":\"" + issuer + "\",\"aud\":[\"kcdb-api\",\"account\"],\"sub\":\"bench-writer\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"preferred_username\":\"writer.ptb\","
                + "\"realm_access\":{\"roles\":[\"cmc-writer\"]},\"institute\":\"PTB\",\"country\":\"DE\","
                + "\"rmo\":\"EURAMET\"}").getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(Path.of(args[1]), header + "." + claims + "." + b64(rsa.sign()));

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/realms/kcdb/protocol/openid-connect/certs", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, PAGE.length);
            exchange.getResponseBody().write(PAGE);
            exchange.close();
        });
        server.start();
        System.out.println("stand-in service on " + port + ", issuer " + issuer);
    }

    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
