package dev.devserver.observe.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.DevserverException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The query language as a table: which of three sample lines each query matches, and the exact errors. */
class LogQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** r = a 200 request, e = a 500 request, c = a container line. */
    private static final String REQUEST_OK = "{\"httpRequest\":{\"requestMethod\":\"POST\",\"requestUrl\":\"/api/items?x=1\","
            + "\"status\":200,\"latency\":\"0.003100s\",\"userAgent\":\"curl/8.5.0\"},\"traceId\":\"abc123\","
            + "\"timestamp\":\"2026-11-25T10:00:01Z\",\"namespace\":\"ns\",\"service\":\"functions-echo-js\","
            + "\"revision\":\"functions-echo-js-00001\",\"host\":\"functions-echo-js.ns.localhost\"}";
    private static final String REQUEST_ERROR = "{\"httpRequest\":{\"requestMethod\":\"GET\",\"requestUrl\":\"/\","
            + "\"status\":500,\"latency\":\"1.200000s\",\"userAgent\":\"Mozilla/5.0\"},\"traceId\":\"\","
            + "\"timestamp\":\"2026-11-25T10:00:02Z\",\"namespace\":\"ns\",\"service\":\"functions-hello\","
            + "\"revision\":\"functions-hello-00002\",\"host\":\"functions-hello.ns.localhost\"}";
    private static final String CONTAINER = "{\"timestamp\":\"2026-11-25T10:00:03Z\",\"function\":\"echo-js\","
            + "\"revision\":\"functions-echo-js-00001\",\"stream\":\"stderr\",\"message\":\"Error: connect ECONNREFUSED 10.0.0.1:5432 (retry 3*)\"}";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "''                                          | rec",
            "httpRequest.status:500                      | e",
            "httpRequest.status:200.0                    | r",
            "httpRequest.requestMethod:post              | r",
            "service:\"functions-echo-js\"               | r",
            "service:functions-echo-js                   | r",
            "service:functions-*                         | re",
            "host:*.localhost                            | re",
            "traceId:*                                   | re",
            "message:*                                   | c",
            "message:/ECONN[A-Z]+/                       | c",
            "message:/econnrefused/                      | ''",
            "message:econnrefused                        | c",
            "message:\"connect econnrefused\"            | c",
            "message:connect                             | c",
            "message:conn                                | ''",
            "ECONNREFUSED                                | c",
            "localhost                                   | re",
            "\"Mozilla/5.0\"                             | e",
            "/curl\\/8/                                  | r",
            "httpRequest.status:500 OR stream:stderr     | ec",
            "httpRequest.status:500 AND stream:stderr    | ''",
            "NOT httpRequest.status:500                  | rc",
            "NOT NOT httpRequest.status:500              | e",
            "namespace:ns httpRequest.status:200         | r",
            "httpRequest.status:200 OR httpRequest.status:500 AND service:functions-hello | re",
            "(httpRequest.status:200 OR httpRequest.status:500) AND service:functions-hello | e",
            "NOT (stream:stderr OR httpRequest.status:200) | e",
            "httpRequest.status>=500                     | e",
            "httpRequest.status<500                      | r",
            "httpRequest.status>200                      | e",
            "timestamp>=2026-11-25T10:00:02Z             | ec",
            "httpRequest.requestUrl:\\/api*              | r",
            "message:\"retry 3*)\"                       | c",
            "message:retry\\ 3\\*                        | c",
            "missing.field:x                             | ''",
            "httpRequest:POST                            | r",
    })
    void matches(String query, String expected) throws Exception {
        LogQuery q = LogQuery.parse(query);
        String got = (q.test(line(REQUEST_OK)) ? "r" : "") + (q.test(line(REQUEST_ERROR)) ? "e" : "")
                + (q.test(line(CONTAINER)) ? "c" : "");
        assertEquals(expected == null ? "" : expected, got, query);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "(status:500                | query: column 12: expected ')' to close '(' opened at column 1, found end of query",
            "a (b OR c                  | query: column 10: expected ')' to close '(' opened at column 3, found end of query",
            "status:500)                | query: column 11: unexpected ')' without a matching '('",
            "status:500 AND             | query: column 15: expected a search term after AND at column 12, found end of query",
            "status:500 OR OR x         | query: column 15: expected a search term after OR at column 12, found OR",
            "NOT                        | query: column 4: expected a search term after NOT at column 1, found end of query",
            "OR status:500              | query: column 1: expected a search term or '(', found OR",
            "()                         | query: column 2: expected a search term or '(', found ')'",
            "status:500 or status:404   | query: column 12: operators are uppercase: write OR (or \"or\" to search for the word)",
            "not status:500             | query: column 1: operators are uppercase: write NOT (or \"not\" to search for the word)",
            "message:\"unterminated     | query: column 22: expected '\"' to close the quoted value opened at column 9",
            "message:/abc               | query: column 13: expected '/' to close the regex opened at column 9",
            "message:/(abc/             | query: column 1: invalid regex /(abc/: Unclosed group",
            ":value                     | query: column 1: expected a field name before ':'",
            "status: 500                | query: column 8: expected a value after 'status:'",
            "status>=                   | query: column 9: expected a value after 'status>='",
    })
    void rejects(String query, String message) {
        DevserverException e = assertThrows(DevserverException.class, () -> LogQuery.parse(query.strip()));
        assertEquals(message, e.getMessage());
    }

    private static ObjectNode line(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }
}
