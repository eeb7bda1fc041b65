package dev.devserver.it;

import dev.devserver.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conformance: every runtime alias of GitLab Serverless builds offline and answers by its own conventions. */
class RuntimesIT {
    @RegisterExtension
    static final RunningUp UP = new RunningUp("sample-functions");

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', value = {
            "echo-js       | gitlab/runtimes/nodejs    | application/json | {\"GitLab\":\"FaaS\"} | {\"GitLab\":\"FaaS\"}",
            "echo-rb       | gitlab/runtimes/ruby      | application/json | {\"GitLab\":\"FaaS\"} | {\"GitLab\":\"FaaS\"}",
            "echo-go       | gitlab/runtimes/go        | text/plain       | GitLab              | GitLab",
            "hello-python3 | openfaas/classic/python3  | text/plain       | GitLab              | 'Hello, GitLab\n'",
            "hello-python  | openfaas/classic/python   | text/plain       | GitLab              | 'Hello, GitLab\n'",
            "hello-node    | openfaas/classic/node     | text/plain       | GitLab              | 'Hello, GitLab'",
            "hello-ruby    | openfaas/classic/ruby     | text/plain       | GitLab              | 'Hello, GitLab\n'",
            "hello-php7    | openfaas/classic/php7     | text/plain       | GitLab              | 'Hello, GitLab'",
            "hello-go      | openfaas/classic/go       | text/plain       | GitLab              | 'Hello, GitLab\n'",
            "hello-csharp  | openfaas/classic/csharp   | text/plain       | GitLab              | 'Hello, GitLab'",
    })
    void runtimeAnswersByItsConventions(String function, String runtime, String contentType, String body, String expected) {
        assertEquals(runtime, UP.session().project().function(function).orElseThrow().runtime());
        HttpResponse<String> response = Sessions.post(UP.session(), function, contentType, body);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(expected.replace("\\n", "\n"), response.body());
        if (contentType.equals("application/json")) {
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        }
    }

    /** A CsvSource row cannot say "no runtime": the Dockerfile sample gets its own test on the same session. */
    @Test
    void dockerfileFunctionAnswersFromItsOwnImage() {
        assertEquals(null, UP.session().project().function("hello-docker").orElseThrow().runtime());
        HttpResponse<String> response = Sessions.post(UP.session(), "hello-docker", "text/plain", "GitLab");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Hello from a Dockerfile function (POST)\n", response.body());
    }

    @Test
    void handlerErrorsBecome500WithTheMessage(@TempDir Path dir) {
        try (Session errors = Sessions.start(TestProjects.copy("runtime-errors", dir))) {
            HttpResponse<String> python = Sessions.post(errors, "fails-py", "text/plain", "input");
            assertEquals(500, python.statusCode());
            assertTrue(python.body().contains("exit status 1") && python.body().contains("the handler refused: input"), python.body());
            HttpResponse<String> node = Sessions.post(errors, "throws-js", "text/plain", "input");
            assertEquals(500, node.statusCode());
            assertTrue(node.body().contains("nope: input"), node.body());
        }
    }
}
