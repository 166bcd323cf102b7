package io.genfleet.helm;

import static io.genfleet.helm.support.Pods.container;
import static io.genfleet.helm.support.Pods.env;
import static io.genfleet.helm.support.Pods.envNames;
import static io.genfleet.helm.support.Pods.envValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.genfleet.helm.support.Chart;
import io.genfleet.helm.support.Manifests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real providers per worker lane: settings reach the lane's worker as SPRING_APPLICATION_JSON, the API key only
 * from an existing Secret, results in a directory (optionally a PersistentVolumeClaim); nonsense is refused.
 */
class ProvidersTest {

    private static final String JSON = "SPRING_APPLICATION_JSON";

    @Test
    void aDefaultRenderKeepsBothLanesSimulated() {
        Manifests manifests = Chart.render(Chart.DEFAULT);

        for (String lane : new String[] {"image", "video"}) {
            Container worker = worker(manifests, lane);
            assertThat(envNames(worker)).doesNotContain(JSON).noneMatch(name -> name.startsWith("GENFLEET_PROVIDERS_"));
            assertThat(envValue(worker, "GENFLEET_RESULTS_DIR")).isEqualTo("/tmp/genfleet-results");
            assertThat(envNames(worker)).as("local results by default")
                    .noneMatch(name -> name.startsWith("GENFLEET_RESULTS_S3_") || name.startsWith("AWS_"));
        }
    }

    @Test
    void anOpenAiLaneGetsItsSettingsAndItsKeyFromTheSecret() {
        Manifests manifests = Chart.render(Chart.DEFAULT, """
                worker:
                  lanes:
                    image:
                      provider:
                        type: openai-images
                        baseUrl: https://api.openai.com
                        model: gpt-image-1
                        existingSecret: openai
                        secretKey: token
                """);

        Container image = worker(manifests, "image");
        JsonNode settings = JsonMapper.builder().build().readTree(envValue(image, JSON)).at("/genfleet/providers/image");
        assertThat(settings.path("type").asString()).isEqualTo("openai-images");
        assertThat(settings.path("baseUrl").asString()).isEqualTo("https://api.openai.com");
        assertThat(settings.path("model").asString()).isEqualTo("gpt-image-1");
        assertThat(settings.has("existingSecret")).as("no Secret name or key in the settings").isFalse();
        SecretKeySelector key = env(image, "GENFLEET_PROVIDERS_IMAGE_API_KEY").orElseThrow().getValueFrom()
                .getSecretKeyRef();
        assertThat(key.getName()).isEqualTo("openai");
        assertThat(key.getKey()).isEqualTo("token");
        assertThat(key.getOptional()).as("a missing Secret stops the pod").isNotEqualTo(Boolean.TRUE);
        assertThat(envNames(worker(manifests, "video"))).as("the other lane").doesNotContain(JSON);
    }

    @Test
    void anHttpJobLaneTakesAPresetAndItsOverrides() {
        Manifests manifests = Chart.render(Chart.DEFAULT, """
                worker:
                  lanes:
                    video:
                      provider:
                        type: http-job
                        model: ray-2
                        existingSecret: luma
                        timeout: 45m
                        httpJob:
                          preset: luma
                          pollMax: 30s
                """);

        JsonNode settings = JsonMapper.builder().build().readTree(envValue(worker(manifests, "video"), JSON))
                .at("/genfleet/providers/video");
        assertThat(settings.path("httpJob").path("preset").asString()).isEqualTo("luma");
        assertThat(settings.path("httpJob").path("pollMax").asString()).isEqualTo("30s");
        assertThat(settings.path("timeout").asString()).isEqualTo("45m");
    }

    @Test
    void aLanesFleetWideRateLimitAndConcurrencyCapReachItsWorkerAndZeroMeansNone() {
        Manifests manifests = Chart.render(Chart.DEFAULT, """
                worker:
                  lanes:
                    image:
                      provider:
                        type: openai-images
                        baseUrl: https://api.openai.com
                        rateLimit:
                          requestsPerSecond: 7.5
                        maxConcurrency: 12
                    video:
                      provider:
                        type: http-job
                        httpJob:
                          preset: luma
                """);

        JsonNode image = JsonMapper.builder().build().readTree(envValue(worker(manifests, "image"), JSON))
                .at("/genfleet/providers/image");
        assertThat(image.path("rateLimit").path("requestsPerSecond").asDouble()).isEqualTo(7.5);
        assertThat(image.path("maxConcurrency").asInt()).isEqualTo(12);
        JsonNode video = JsonMapper.builder().build().readTree(envValue(worker(manifests, "video"), JSON))
                .at("/genfleet/providers/video");
        assertThat(video.has("rateLimit")).as("0 by default: unlimited, not passed on").isFalse();
        assertThat(video.has("maxConcurrency")).isFalse();
    }

    @Test
    void aNegativeRateLimitIsRefused() {
        assertThatThrownBy(() -> Chart.templateText(Chart.DEFAULT, "worker: {lanes: {image: {provider: {type: "
                + "openai-images, baseUrl: 'https://a.example', rateLimit: {requestsPerSecond: -1}}}}}"))
                .hasMessageContaining("requestsPerSecond");
    }

    @Test
    void anExistingClaimHoldsTheResults() {
        PodTemplateSpec pod = Chart.render(Chart.DEFAULT, "worker: {results: {dir: /results, existingClaim: shared}}")
                .podTemplates().get("Deployment/" + Chart.name("worker-image"));

        assertThat(pod.getSpec().getVolumes()).filteredOn(volume -> volume.getPersistentVolumeClaim() != null)
                .extracting(volume -> volume.getPersistentVolumeClaim().getClaimName()).containsExactly("shared");
        assertThat(container(pod).getVolumeMounts()).anySatisfy(mount ->
                assertThat(mount.getMountPath()).isEqualTo("/results"));
    }

    @Test
    void anS3BucketHoldsTheResultsWithKeysFromAnExistingSecret() {
        Manifests manifests = Chart.render(Chart.DEFAULT, """
                worker:
                  results:
                    type: s3
                    s3:
                      bucket: genfleet-assets
                      prefix: prod/
                      endpoint: http://minio.storage:9000
                      pathStyleAccess: true
                      existingSecret: minio-keys
                """);

        for (String lane : new String[] {"image", "video"}) {
            Container worker = worker(manifests, lane);
            assertThat(envValue(worker, "GENFLEET_RESULTS_TYPE")).isEqualTo("s3");
            assertThat(envValue(worker, "GENFLEET_RESULTS_S3_BUCKET")).isEqualTo("genfleet-assets");
            assertThat(envValue(worker, "GENFLEET_RESULTS_S3_PREFIX")).isEqualTo("prod/");
            assertThat(envValue(worker, "GENFLEET_RESULTS_S3_ENDPOINT")).isEqualTo("http://minio.storage:9000");
            assertThat(envValue(worker, "GENFLEET_RESULTS_S3_PATH_STYLE_ACCESS")).isEqualTo("true");
            assertThat(envValue(worker, "GENFLEET_RESULTS_S3_CHECKSUMS")).isEqualTo("when-supported");
            assertThat(envNames(worker)).as("no region given: the SDK's chain decides")
                    .doesNotContain("GENFLEET_RESULTS_S3_REGION");
            SecretKeySelector id = env(worker, "AWS_ACCESS_KEY_ID").orElseThrow().getValueFrom().getSecretKeyRef();
            assertThat(id.getName()).isEqualTo("minio-keys");
            assertThat(id.getKey()).isEqualTo("AWS_ACCESS_KEY_ID");
            assertThat(env(worker, "AWS_SECRET_ACCESS_KEY").orElseThrow().getValueFrom().getSecretKeyRef().getKey())
                    .isEqualTo("AWS_SECRET_ACCESS_KEY");
        }
    }

    @Test
    void s3ResultsWithoutStaticKeysLeaveCredentialsToTheSdkChain() {
        Container worker = worker(Chart.render(Chart.DEFAULT,
                "worker: {results: {type: s3, s3: {bucket: genfleet-assets, region: eu-west-1}}}"), "image");

        assertThat(envValue(worker, "GENFLEET_RESULTS_S3_REGION")).isEqualTo("eu-west-1");
        assertThat(envNames(worker)).doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "GENFLEET_RESULTS_S3_ENDPOINT");
    }

    @Test
    void s3ResultsWithoutABucketAreRefused() {
        assertThatThrownBy(() -> Chart.templateText(Chart.DEFAULT, "worker: {results: {type: s3}}"))
                .hasMessageContaining("bucket");
    }

    @Test
    void anOpenAiLaneWithoutABaseUrlIsRefused() {
        assertThatThrownBy(() -> Chart.templateText(Chart.DEFAULT,
                "worker: {lanes: {image: {provider: {type: openai-images}}}}"))
                .hasMessageContaining("worker.lanes.image.provider.baseUrl is empty");
    }

    @Test
    void anUnknownProviderTypeIsRefused() {
        assertThatThrownBy(() -> Chart.templateText(Chart.DEFAULT,
                "worker: {lanes: {image: {provider: {type: dalle}}}}"))
                .hasMessageContaining("worker.lanes.image.provider.type");
    }

    private static Container worker(Manifests manifests, String lane) {
        return container(manifests.podTemplates().get("Deployment/" + Chart.name("worker-" + lane)));
    }
}
