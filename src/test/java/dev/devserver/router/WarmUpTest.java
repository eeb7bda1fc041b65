package dev.devserver.router;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router's warm-up goes through its whole chain to its own stand-in, and leaves no trace a user could see. */
class WarmUpTest extends RouterTestBase {
    @Test
    void warmUpRequestsAreAnsweredByTheStandInAndNeitherReachAFunctionNorAreLogged() throws Exception {
        assertEquals(404, get(WarmUp.HOST, "/").status(), "no stand-in before the warm-up");
        records.clear();
        assertEquals(400, (int) await(router.warmUp(400)), "every warm-up request was proxied to the stand-in");
        assertTrue(upstreamHeaders.isEmpty(), "no warm-up request reached a function: " + upstreamHeaders);
        assertTrue(records.isEmpty(), "no warm-up request was logged: " + records.size());
        assertEquals(404, get(WarmUp.HOST, "/").status(), "the stand-in's host answers only while the warm-up runs");
        assertEquals("hello from /", get(FN_HOST, "/").body(), "functions are served as before");
        assertEquals(1, records.size());
    }
}
