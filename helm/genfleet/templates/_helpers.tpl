{{/*
Names, labels, images and the environment every genfleet pod shares.
*/}}

{{/* The chart name, overridable. */}}
{{- define "genfleet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/*
The prefix of every resource name. Kept to 40 characters so "<fullname>-aggregator-headless" stays a
DNS label (63) and the StatefulSet's pods keep a valid controller-revision-hash label.
*/}}
{{- define "genfleet.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of a component's resources: dict "root" $ "name" "worker-image". */}}
{{- define "genfleet.componentName" -}}
{{- printf "%s-%s" (include "genfleet.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "genfleet.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a component: dict "root" $ "component" "worker" ["lane" "image"]. Never change these: selectors are immutable. */}}
{{- define "genfleet.selectorLabels" -}}
app.kubernetes.io/name: {{ include "genfleet.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- with .lane }}
genfleet.io/lane: {{ . }}
{{- end }}
{{- end -}}

{{/* All labels of a component's resources. */}}
{{- define "genfleet.labels" -}}
{{ include "genfleet.selectorLabels" . }}
helm.sh/chart: {{ include "genfleet.chart" .root }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: genfleet
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels of resources that belong to no single component (ConfigMap, ServiceAccount, rules). */}}
{{- define "genfleet.commonLabels" -}}
app.kubernetes.io/name: {{ include "genfleet.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ include "genfleet.chart" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: genfleet
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* A service's image: dict "root" $ "image" .Values.producer.image. */}}
{{- define "genfleet.image" -}}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) .image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "genfleet.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "genfleet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "genfleet.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "genfleet.configMapName" -}}
{{- include "genfleet.componentName" (dict "root" . "name" "config") -}}
{{- end -}}

{{- define "genfleet.aggregatorName" -}}
{{- include "genfleet.componentName" (dict "root" . "name" "aggregator") -}}
{{- end -}}

{{- define "genfleet.aggregatorHeadlessName" -}}
{{- include "genfleet.componentName" (dict "root" . "name" "aggregator-headless") -}}
{{- end -}}

{{/* Milliseconds of a delay written as <n>ms, <n>s or <n>m: the suffix of its delay topic. */}}
{{- define "genfleet.delayMillis" -}}
{{- $d := toString . -}}
{{- if regexMatch `^[0-9]+ms$` $d -}}
{{- trimSuffix "ms" $d | int64 -}}
{{- else if regexMatch `^[0-9]+s$` $d -}}
{{- mul (trimSuffix "s" $d | int64) 1000 -}}
{{- else if regexMatch `^[0-9]+m$` $d -}}
{{- mul (trimSuffix "m" $d | int64) 60000 -}}
{{- else -}}
{{- fail (printf "genfleet: topics.retryDelays entry %q must look like 500ms, 2s or 1m" $d) -}}
{{- end -}}
{{- end -}}

{{/* The lanes of the contract, in order. */}}
{{- define "genfleet.allLanes" -}}
- image
- video
{{- end -}}

{{/*
The topics a lane's items visit, in order, each with the worker consumer group that reads it:
lane topic (genfleet-worker-<lane>), each delay topic (the group + "-retry-<ms>") and the dead-letter topic.
dict "root" $ "lane" "image"; render with fromYamlArray.
*/}}
{{- define "genfleet.laneChain" -}}
{{- $topic := printf "%s%s.requests" .root.Values.topics.prefix .lane -}}
{{- $group := printf "genfleet-worker-%s" .lane -}}
- topic: {{ $topic | quote }}
  group: {{ $group | quote }}
  role: lane
{{- range .root.Values.topics.retryDelays }}
{{- $ms := include "genfleet.delayMillis" . }}
- topic: {{ printf "%s-retry-%s" $topic $ms | quote }}
  group: {{ printf "%s-retry-%s" $group $ms | quote }}
  role: retry
{{- end }}
- topic: {{ printf "%s-dlt" $topic | quote }}
  group: {{ printf "%s-dlt" $group | quote }}
  role: dlt
{{- end -}}

{{/* Every topic name, for provisioning; render with fromYamlArray. */}}
{{- define "genfleet.allTopics" -}}
{{- $root := . -}}
{{- range (include "genfleet.allLanes" . | fromYamlArray) }}
{{- range (include "genfleet.laneChain" (dict "root" $root "lane" .) | fromYamlArray) }}
- {{ .topic | quote }}
{{- end }}
{{- end }}
- {{ printf "%sstatus" .Values.topics.prefix | quote }}
- {{ printf "%sstatus-dlt" .Values.topics.prefix | quote }}
- {{ include "genfleet.claimsTopic" . | quote }}
- {{ printf "%swebhooks" .Values.topics.prefix | quote }}
- {{ printf "%swebhooks-dlt" .Values.topics.prefix | quote }}
{{- end -}}

{{/* Claims of retry-failed and dead-letter replay: first claim wins, so delete retention, never compaction. */}}
{{- define "genfleet.claimsTopic" -}}
{{- printf "%sreplay-claims" .Values.topics.prefix -}}
{{- end -}}

{{- define "genfleet.kafka.saslEnabled" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}true{{ end -}}
{{- end -}}

{{- define "genfleet.kafka.tlsEnabled" -}}
{{- if has .Values.kafka.securityProtocol (list "SSL" "SASL_SSL") }}true{{ end -}}
{{- end -}}

{{/* A truststore Secret is mounted (TLS on, and not relying on the JVM's CAs). */}}
{{- define "genfleet.kafka.truststoreMounted" -}}
{{- if and (include "genfleet.kafka.tlsEnabled" .) .Values.kafka.tls.truststore.existingSecret }}true{{ end -}}
{{- end -}}

{{- define "genfleet.kafka.truststoreDir" -}}/etc/genfleet/kafka-tls{{- end -}}

{{/*
The non-secret settings every service and the topic Job share, as a YAML map (the ConfigMap's data,
and the Job's env since a pre-install hook runs before the ConfigMap exists).
*/}}
{{- define "genfleet.sharedConfig" -}}
{{- $delays := list -}}
{{- range .Values.topics.retryDelays }}{{ $delays = append $delays (toString .) }}{{ end -}}
KAFKA_BOOTSTRAP_SERVERS: {{ .Values.kafka.bootstrapServers | quote }}
GENFLEET_TOPICS_PREFIX: {{ .Values.topics.prefix | quote }}
GENFLEET_TOPICS_PARTITIONS: {{ .Values.topics.partitions | int | quote }}
GENFLEET_TOPICS_REPLICATION_FACTOR: {{ .Values.topics.replicationFactor | int | quote }}
GENFLEET_TOPICS_CREATE: "false"
GENFLEET_TOPICS_RETRY_DELAYS: {{ join "," $delays | quote }}
GENFLEET_WEBHOOKS_ALLOW_HTTP: {{ .Values.webhooks.allowHttp | quote }}
GENFLEET_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: {{ .Values.webhooks.allowPrivateAddresses | quote }}
SPRING_KAFKA_SECURITY_PROTOCOL: {{ .Values.kafka.securityProtocol | quote }}
{{- if include "genfleet.kafka.saslEnabled" . }}
SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: {{ .Values.kafka.sasl.mechanism | quote }}
{{- end }}
{{- if include "genfleet.kafka.truststoreMounted" . }}
SPRING_KAFKA_SSL_TRUST_STORE_LOCATION: {{ printf "file:%s/%s" (include "genfleet.kafka.truststoreDir" .) .Values.kafka.tls.truststore.key | quote }}
SPRING_KAFKA_SSL_TRUST_STORE_TYPE: {{ .Values.kafka.tls.truststore.type | quote }}
{{- end }}
MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE: "health,info,prometheus"
MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED: "true"
{{- with .Values.jvmOptions }}
JAVA_TOOL_OPTIONS: {{ . | quote }}
{{- end }}
{{- range $name, $value := .Values.extraConfig }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* The JAAS login module of the SASL mechanism. */}}
{{- define "genfleet.kafka.loginModule" -}}
{{- if eq .Values.kafka.sasl.mechanism "PLAIN" -}}
org.apache.kafka.common.security.plain.PlainLoginModule
{{- else -}}
org.apache.kafka.common.security.scram.ScramLoginModule
{{- end -}}
{{- end -}}

{{/*
Environment taken from Secrets: SASL credentials (the JAAS line references them through $(VAR) expansion,
so the password never appears in a manifest), the truststore password and the API keys.
*/}}
{{- define "genfleet.secretEnv" -}}
{{- if include "genfleet.kafka.saslEnabled" . }}
- name: KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.sasl.existingSecret | quote }}
      key: {{ .Values.kafka.sasl.usernameKey | quote }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.sasl.existingSecret | quote }}
      key: {{ .Values.kafka.sasl.passwordKey | quote }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  value: {{ printf "%s required username=\"$(KAFKA_SASL_USERNAME)\" password=\"$(KAFKA_SASL_PASSWORD)\";" (include "genfleet.kafka.loginModule" .) | quote }}
{{- end }}
{{- if and (include "genfleet.kafka.truststoreMounted" .) .Values.kafka.tls.truststore.passwordKey }}
- name: SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.tls.truststore.existingSecret | quote }}
      key: {{ .Values.kafka.tls.truststore.passwordKey | quote }}
{{- end }}
{{- end -}}

{{/* The Secret with the API keys (producer and aggregator): the one named, else "<fullname>-api-keys". */}}
{{- define "genfleet.apiKeysSecret" -}}
{{- .Values.apiKeys.existingSecret | default (include "genfleet.componentName" (dict "root" . "name" "api-keys")) -}}
{{- end -}}

{{/*
The API keys of the producer and the aggregator (every /api route needs a key): the Secret is mounted as a file,
GENFLEET_API_KEYS_FILE, which the services re-read when the kubelet updates it, so a key is rotated by editing the
Secret, without a restart. A Secret named in the values must exist (a typo stops the pod instead of opening the API);
the default one is optional, and while it is missing every /api request is refused (fail closed).
*/}}
{{- define "genfleet.apiKeysDir" -}}/etc/genfleet/api-keys{{- end -}}

{{- define "genfleet.apiKeysEnv" -}}
- name: GENFLEET_API_KEYS_FILE
  value: {{ printf "%s/%s" (include "genfleet.apiKeysDir" .) .Values.apiKeys.key | quote }}
{{- if .Values.apiKeys.allowAnonymous }}
- name: GENFLEET_SECURITY_ALLOW_ANONYMOUS
  value: "true"
{{- end }}
{{- end -}}

{{/* The API-key Secret as a read-only volume (producer and aggregator). */}}
{{- define "genfleet.apiKeysVolume" -}}
- name: api-keys
  secret:
    secretName: {{ include "genfleet.apiKeysSecret" . | quote }}
    defaultMode: 0440
    {{- if not .Values.apiKeys.existingSecret }}
    optional: true
    {{- end }}
{{- end -}}

{{- define "genfleet.apiKeysVolumeMount" -}}
- name: api-keys
  mountPath: {{ include "genfleet.apiKeysDir" . }}
  readOnly: true
{{- end -}}

{{/* The Secret with the aggregator instances' shared secret: the one named, else "<fullname>-internal". */}}
{{- define "genfleet.internalSecret" -}}
{{- .Values.internalSecret.existingSecret | default (include "genfleet.componentName" (dict "root" . "name" "internal")) -}}
{{- end -}}

{{/*
GENFLEET_INTERNAL_SECRET of the aggregator: its instances forward queries to each other on /internal/**, which only
this secret opens (a client key never does); it also signs the event-stream tickets so that any instance accepts
them. Required: an aggregator with several instances does not start without it.
*/}}
{{/* The aggregator's webhook settings: the signing key from a Secret only, when one is named. */}}
{{- define "genfleet.webhooksEnv" -}}
{{- if .Values.webhooks.existingSecret }}
- name: GENFLEET_WEBHOOKS_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.webhooks.existingSecret | quote }}
      key: {{ .Values.webhooks.key | quote }}
{{- end }}
- name: GENFLEET_WEBHOOKS_URL
  value: {{ .Values.webhooks.url | quote }}
- name: GENFLEET_WEBHOOKS_EVENTS
  value: {{ join "," .Values.webhooks.events | quote }}
- name: GENFLEET_WEBHOOKS_TIMEOUT
  value: {{ .Values.webhooks.timeout | quote }}
- name: GENFLEET_WEBHOOKS_RETRY_WINDOW
  value: {{ .Values.webhooks.retryWindow | quote }}
- name: GENFLEET_WEBHOOKS_MAX_CONCURRENT
  value: {{ .Values.webhooks.maxConcurrent | int | quote }}
- name: GENFLEET_WEBHOOKS_PROGRESS_INTERVAL
  value: {{ .Values.webhooks.progressInterval | quote }}
{{- end -}}

{{- define "genfleet.internalSecretEnv" -}}
- name: GENFLEET_INTERNAL_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "genfleet.internalSecret" . | quote }}
      key: {{ .Values.internalSecret.key | quote }}
{{- end -}}

{{/* Volumes every pod has: /tmp (the root filesystem is read-only) and the truststore when TLS uses one. */}}
{{- define "genfleet.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- if include "genfleet.kafka.truststoreMounted" . }}
- name: kafka-truststore
  secret:
    secretName: {{ .Values.kafka.tls.truststore.existingSecret | quote }}
    defaultMode: 0440
    items:
      - key: {{ .Values.kafka.tls.truststore.key | quote }}
        path: {{ .Values.kafka.tls.truststore.key | quote }}
{{- end }}
{{- end -}}

{{- define "genfleet.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if include "genfleet.kafka.truststoreMounted" . }}
- name: kafka-truststore
  mountPath: {{ include "genfleet.kafka.truststoreDir" . }}
  readOnly: true
{{- end }}
{{- end -}}

{{/* Probes on the actuator health groups of the container port named http. */}}
{{- define "genfleet.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .Values.probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
{{- end -}}

{{/*
Pod annotations: the config checksum (a changed ConfigMap rolls the pods) and the Prometheus scrape hints.
dict "root" $ "port" 8080 "extra" .Values.producer.podAnnotations
*/}}
{{- define "genfleet.podAnnotations" -}}
checksum/config: {{ include "genfleet.sharedConfig" .root | sha256sum }}
{{- if .root.Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/path: /actuator/prometheus
prometheus.io/port: {{ .port | quote }}
{{- end }}
{{- with .extra }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Scheduling settings of a component: its values block. */}}
{{- define "genfleet.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .priorityClassName }}
priorityClassName: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Most worker pods of a lane: maxReplicas, or the partition count when 0. dict "root" $ "lane" $laneValues */}}
{{- define "genfleet.laneMaxReplicas" -}}
{{- $max := int (default 0 .lane.autoscaling.maxReplicas) -}}
{{- if eq $max 0 }}{{ int .root.Values.topics.partitions }}{{ else }}{{ $max }}{{ end -}}
{{- end -}}

{{/* Whether anything (KEDA or the HPA) owns the worker replica count. */}}
{{- define "genfleet.workerAutoscaled" -}}
{{- if or .Values.autoscaling.keda.enabled .Values.autoscaling.hpa.enabled }}true{{ end -}}
{{- end -}}

{{/*
A worker lane's provider settings as SPRING_APPLICATION_JSON ({"genfleet": {"providers": {"<lane>": {...}}}}):
the type and every non-empty setting; httpJob as given (camelCase keys bind like kebab-case ones); the fleet-wide
rate limit and concurrency cap unless 0. Never the key.
*/}}
{{- define "genfleet.workerProviderJson" -}}
{{- $p := .provider -}}
{{- $settings := dict "type" $p.type -}}
{{- range $name := list "baseUrl" "model" "requestTimeout" "timeout" -}}
{{- with (index $p $name) }}{{- $_ := set $settings $name . -}}{{- end -}}
{{- end -}}
{{- with $p.httpJob }}{{- $_ := set $settings "httpJob" . -}}{{- end -}}
{{- with $p.rateLimit }}{{- with .requestsPerSecond }}{{- $_ := set $settings "rateLimit" (dict "requestsPerSecond" .) -}}{{- end -}}{{- end -}}
{{- with $p.maxConcurrency }}{{- $_ := set $settings "maxConcurrency" . -}}{{- end -}}
{{- dict "genfleet" (dict "providers" (dict .lane $settings)) | toJson -}}
{{- end -}}
