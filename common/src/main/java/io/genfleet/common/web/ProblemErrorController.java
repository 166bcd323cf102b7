package io.genfleet.common.web;

import io.genfleet.common.security.web.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of every genfleet service (it replaces Spring Boot's, which answers HTML to browsers and its own
 * JSON to others): whatever reaches {@code /error} — a 404 or 405 outside the controllers, a body the container
 * refused, an exception nothing else handled — is answered as {@code application/problem+json} with a detail in
 * words, never a stack trace, an exception class or a library message.
 */
@RestController("genfleetProblemErrorController")
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly rather than forwarded to: there is nothing here.
        int status = code instanceof Integer value ? value : 404;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500 && failure instanceof Throwable throwable) {
            log.error("Request {} failed", path, throwable);
        }
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        StatusWords words = StatusWords.of(status);
        Problems.write(response, status, words.type(), words.title(), words.detail(),
                path == null ? null : path.toString(), Map.of());
    }
}
