package io.genfleet.common.web;

import java.net.URI;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The last word on Spring MVC's own failures that no service's handler took: unknown path, wrong method, missing or
 * mistyped parameter, unreadable body. (Anything unexpected goes on to {@link ProblemErrorController}, which logs it
 * and answers 500; no catch-all here, so that it can never shadow a service's own handler of the same order.) Answers are
 * {@code application/problem+json} whose detail names the parameter or field in words; Spring's own details
 * ("No static resource api/x.", converter messages) are replaced, never passed on.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class FallbackProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(FallbackProblemHandler.class);

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid " + e.getName(),
                e.getName() + " must be " + type, e.getName());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
                && servlet.getResponse().isCommitted()) {
            // An event stream that timed out: its answer is already on the wire.
            log.debug("Response already committed, not answering {}", e.toString());
            return null;
        }
        ResponseEntity<Object> answer;
        if (e instanceof NoResourceFoundException) {
            answer = problem(HttpStatus.NOT_FOUND, "not-found", "Not found", StatusWords.of(404).detail(), null);
        } else if (e instanceof HttpRequestMethodNotSupportedException method) {
            answer = problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                    method.getMethod() + " is not allowed here" + (method.getSupportedHttpMethods() == null ? ""
                            : "; allowed: " + method.getSupportedHttpMethods().stream().map(Object::toString)
                            .collect(Collectors.joining(", "))), null);
        } else if (e instanceof MissingServletRequestParameterException missing) {
            answer = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid " + missing.getParameterName(),
                    missing.getParameterName() + " is required", missing.getParameterName());
        } else if (e instanceof HttpMessageNotReadableException) {
            answer = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "body is not a valid JSON document of the expected shape", "body");
        } else if (e instanceof MaxUploadSizeExceededException) {
            answer = problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large",
                    "the request body is too large", "body");
        } else {
            StatusWords words = StatusWords.of(status.value());
            answer = problem(HttpStatus.valueOf(status.value()), words.type(), words.title(), words.detail(), null);
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail,
                                                  String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:genfleet:problem:" + type));
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("parameter", field);
        }
        return ResponseEntity.status(status).body(problem);
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a valid value";
    }
}
