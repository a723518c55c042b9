package io.chargeledger.api.jar;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A throw-away PKCS12 key store with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
record SelfSignedCertificate(Path keyStore, String password) {

    static SelfSignedCertificate create(Path directory) throws Exception {
        Files.createDirectories(directory);
        Path keyStore = directory.resolve("server.p12");
        Files.deleteIfExists(keyStore);
        String password = UUID.randomUUID().toString();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "chargeledger",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(process.getInputStream().readAllBytes()));
        }
        return new SelfSignedCertificate(keyStore, password);
    }

    /** Trusts exactly this certificate, as a charger provisioned with the operator's CA would. */
    SSLContext clientContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    String[] serverArguments() {
        return new String[] {"--server.ssl.enabled=true", "--server.ssl.key-store=" + keyStore,
                "--server.ssl.key-store-password=" + password, "--server.ssl.key-store-type=PKCS12",
                "--server.ssl.key-alias=chargeledger"};
    }
}
