package dev.devserver.router;

import java.time.Duration;
import java.time.Instant;

/**
 * One request that reached a function's host, shaped like Knative's {@code logging.request-log-template}
 * (written as JSON by {@code observe.logs.LogLines}).
 *
 * @param host         the Host name the caller used (not in Knative's template; lets a log line show the full URL)
 * @param requestUrl   path and query as sent (Knative logs {@code Request.RequestURI})
 * @param requestSize  body bytes read from the caller
 * @param responseSize body bytes written to the caller
 * @param serverIp     the container endpoint {@code host:port} (Knative logs the pod IP), empty when none was reached
 * @param revision     empty when no container was reached (activation failed)
 */
public record RequestRecord(Instant timestamp, String namespace, String service, String revision, String host,
                            String requestMethod, String requestUrl, long requestSize, int status, long responseSize,
                            String userAgent, String remoteIp, String serverIp, String referer, Duration latency,
                            String protocol, String traceId) {
}
