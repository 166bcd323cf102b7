package io.genfleet.common.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Every error of every genfleet service as {@code application/problem+json}: inside Spring MVC
 * ({@link FallbackProblemHandler}), on the error page ({@link ProblemErrorController}) and in the container
 * ({@link ContainerProblems}). Imported by the producer's and the aggregator's modules, registered once.
 */
@Configuration(proxyBeanMethods = false)
@Import({FallbackProblemHandler.class, ProblemErrorController.class, ContainerProblems.class})
public class UniformErrorsConfiguration {
}
