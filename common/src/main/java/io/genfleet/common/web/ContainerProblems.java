package io.genfleet.common.web;

import io.genfleet.common.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Errors that Tomcat answers itself, before any servlet runs (a {@code %00} or another character it refuses in the
 * path, a malformed request line): its error report valve writes an HTML page. This replaces that valve on the host
 * with one that writes the same {@code application/problem+json} as the services. Runs after Spring Boot's own
 * customizer, which installs a plain {@link ErrorReportValve}.
 */
public class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReportValve());
            if (host instanceof StandardHost standard) {
                // Otherwise the host adds Tomcat's default valve again when it starts.
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report as a problem: status, title and detail in words, no server version, no stack trace. */
    public static final class ProblemReportValve extends ErrorReportValve {

        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            StatusWords words = StatusWords.of(status);
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "urn:genfleet:problem:" + words.type());
            problem.put("title", words.title());
            problem.put("status", status);
            problem.put("detail", words.detail());
            try {
                // The text is ASCII only (no part of the request is echoed), so no charset is needed.
                response.setContentType("application/problem+json");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(Json.writeString(problem));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response is already on its way: nothing more to say.
            }
        }
    }
}
