package io.chargeledger.api.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chargeledger.api.support.ApiIntegrationTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.util.unit.DataSize;

/**
 * Every socket keeps a read buffer as small as a charger's WebSocket input buffer, and a larger write buffer that
 * only HTTP responses go through (a 512-byte one cut an audit export into 122,000 socket writes).
 */
class SocketBuffersTest extends ApiIntegrationTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theRunningServersSocketsReadIn512ByteAndWriteIn2KiBBuffers() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("socket.appReadBufSize")).isEqualTo("512");
        assertThat(connector.getProperty("socket.appWriteBufSize")).isEqualTo("2048");
    }

    @Test
    void theWriteBufferIsTheConfiguredSize() {
        Connector connector = new Connector();

        OcppConfiguration.socketBuffers(1024, DataSize.parse("8KB")).customize(connector);

        assertThat(connector.getProperty("socket.appReadBufSize")).isEqualTo("1024");
        assertThat(connector.getProperty("socket.appWriteBufSize")).isEqualTo("8192");
    }

    @Test
    void aWriteBufferOutside512BytesTo64KiBIsRefused() {
        assertThat(OcppConfiguration.socketBuffers(512, DataSize.parse("512B"))).isNotNull();
        assertThat(OcppConfiguration.socketBuffers(512, DataSize.parse("64KB"))).isNotNull();
        assertThatThrownBy(() -> OcppConfiguration.socketBuffers(512, DataSize.parse("511B")))
                .hasMessage("chargeledger.http.socket-write-buffer must be between 512B and 64KB, was 511B");
        assertThatThrownBy(() -> OcppConfiguration.socketBuffers(512, DataSize.parse("65537B")))
                .hasMessage("chargeledger.http.socket-write-buffer must be between 512B and 64KB, was 65537B");
    }
}
