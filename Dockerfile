# Runtime image for the ChargeLedger server. Build the jar first: ./mvnw -DskipTests package
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 chargeledger && mkdir -p /var/lib/chargeledger \
    && chown chargeledger /var/lib/chargeledger
USER chargeledger
WORKDIR /opt/chargeledger
COPY api/target/chargeledger.jar chargeledger.jar
ENV CHARGELEDGER_DATA_DIR=/var/lib/chargeledger
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:GCTimeRatio=4", "-XX:+ExplicitGCInvokesConcurrent", "-jar", "chargeledger.jar"]
