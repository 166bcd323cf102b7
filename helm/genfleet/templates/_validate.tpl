{{/*
Cross-field checks the schema cannot express. Every mistake found is listed, each naming the value to
change and why, and the render fails once with all of them (values.schema.json has already checked types,
enums and minimums by then).
*/}}
{{- define "genfleet.validateValues" -}}
{{- $errors := list -}}
{{- $kafka := .Values.kafka -}}
{{- $protocol := $kafka.securityProtocol -}}
{{- $sasl := hasPrefix "SASL_" $protocol -}}
{{- $tls := has $protocol (list "SSL" "SASL_SSL") -}}
{{- $partitions := int .Values.topics.partitions -}}

{{- if not (trim (toString $kafka.bootstrapServers)) -}}
{{- $errors = append $errors "kafka.bootstrapServers is empty: set the comma-separated host:port list of your brokers, e.g. --set kafka.bootstrapServers=my-cluster-kafka-bootstrap.kafka:9092" -}}
{{- else if not (regexMatch `^[^,\s:]+:[0-9]+(,[^,\s:]+:[0-9]+)*$` (toString $kafka.bootstrapServers)) -}}
{{- $errors = append $errors (printf "kafka.bootstrapServers %q is not a comma-separated host:port list (no spaces, a port on every broker)" (toString $kafka.bootstrapServers)) -}}
{{- end -}}

{{- if and $sasl (not $kafka.sasl.existingSecret) -}}
{{- $errors = append $errors (printf "kafka.securityProtocol is %s but kafka.sasl.existingSecret is empty: name an existing Secret holding the SASL username and password (keys kafka.sasl.usernameKey / kafka.sasl.passwordKey); the chart never takes credentials as values" $protocol) -}}
{{- end -}}
{{- if and (not $sasl) $kafka.sasl.existingSecret -}}
{{- $errors = append $errors (printf "kafka.sasl.existingSecret is set but kafka.securityProtocol is %s, which does not use SASL: choose SASL_PLAINTEXT or SASL_SSL, or remove the secret" $protocol) -}}
{{- end -}}

{{- if and $tls (not $kafka.tls.truststore.existingSecret) (not $kafka.tls.useSystemCAs) -}}
{{- $errors = append $errors (printf "kafka.securityProtocol is %s but kafka.tls.truststore.existingSecret is empty: name an existing Secret with the truststore of your brokers' CA, or set kafka.tls.useSystemCAs=true when the brokers use a publicly trusted certificate" $protocol) -}}
{{- end -}}
{{- if and $tls $kafka.tls.truststore.existingSecret $kafka.tls.useSystemCAs -}}
{{- $errors = append $errors "kafka.tls.useSystemCAs=true contradicts kafka.tls.truststore.existingSecret: use one or the other" -}}
{{- end -}}
{{- if and (not $tls) $kafka.tls.truststore.existingSecret -}}
{{- $errors = append $errors (printf "kafka.tls.truststore.existingSecret is set but kafka.securityProtocol is %s, which does not use TLS: choose SSL or SASL_SSL, or remove the truststore" $protocol) -}}
{{- end -}}
{{- if and $tls $kafka.tls.truststore.existingSecret (not $kafka.tls.truststore.key) -}}
{{- $errors = append $errors "kafka.tls.truststore.key is empty: name the key of the truststore file in the truststore Secret" -}}
{{- end -}}

{{- range $lane, $values := .Values.worker.lanes -}}
{{- $provider := $values.provider | default dict -}}
{{- if and (eq ($provider.type | default "simulated") "openai-images") (not $provider.baseUrl) -}}
{{- $errors = append $errors (printf "worker.lanes.%s.provider.type is openai-images but worker.lanes.%s.provider.baseUrl is empty: set the API's root URL, e.g. https://api.openai.com" $lane $lane) -}}
{{- end -}}
{{- if and (eq ($provider.type | default "simulated") "http-job") (not $provider.baseUrl) (not (($provider.httpJob | default dict).preset)) -}}
{{- $errors = append $errors (printf "worker.lanes.%s.provider.type is http-job but neither baseUrl nor httpJob.preset is set: name a preset (replicate, luma) or describe the API (see the README, \"Writing another http-job provider\")" $lane) -}}
{{- end -}}
{{- end -}}

{{- if eq (int .Values.topics.replicationFactor) 0 -}}
{{- $errors = append $errors "topics.replicationFactor is 0, which no topic can have: use -1 for the broker's default.replication.factor, or 1 to 32" -}}
{{- end -}}

{{- if and $tls $kafka.tls.truststore.existingSecret (eq $kafka.tls.truststore.type "PEM") $kafka.tls.truststore.passwordKey -}}
{{- $errors = append $errors "kafka.tls.truststore.type is PEM but kafka.tls.truststore.passwordKey is set: Kafka rejects a password on a PEM truststore; set passwordKey to \"\"" -}}
{{- end -}}

{{- $delays := dict -}}
{{- range .Values.topics.retryDelays -}}
{{- $ms := include "genfleet.delayMillis" . -}}
{{- if hasKey $delays $ms -}}
{{- $errors = append $errors (printf "topics.retryDelays has two entries of %sms: each delay names its own topic (<lane topic>-retry-%s), so delays must differ" $ms $ms) -}}
{{- end -}}
{{- $_ := set $delays $ms true -}}
{{- end -}}

{{- if and .Values.apiKeys.allowAnonymous .Values.apiKeys.existingSecret -}}
{{- $errors = append $errors "apiKeys.allowAnonymous=true contradicts apiKeys.existingSecret: with keys the producer requires one anyway; remove one of them" -}}
{{- end -}}

{{- if and .Values.topics.strimzi.enabled (not .Values.topics.strimzi.clusterName) -}}
{{- $errors = append $errors "topics.strimzi.enabled=true needs topics.strimzi.clusterName: the name of the Strimzi Kafka cluster (its strimzi.io/cluster label)" -}}
{{- end -}}

{{- if and .Values.autoscaling.keda.enabled .Values.autoscaling.hpa.enabled -}}
{{- $errors = append $errors "autoscaling.keda.enabled and autoscaling.hpa.enabled are both true: two autoscalers would fight over the worker replicas; keep KEDA (lag-based) or the HPA (CPU fallback)" -}}
{{- end -}}
{{- if and .Values.autoscaling.keda.enabled $tls $kafka.tls.truststore.existingSecret (not $kafka.tls.truststore.caCertKey) -}}
{{- $errors = append $errors "autoscaling.keda.enabled with a truststore needs kafka.tls.truststore.caCertKey: KEDA reads a PEM CA certificate, not a Java truststore (a Strimzi cluster CA Secret has it as ca.crt)" -}}
{{- end -}}

{{- $autoscaled := or .Values.autoscaling.keda.enabled .Values.autoscaling.hpa.enabled -}}
{{- range $lane := (include "genfleet.allLanes" . | fromYamlArray) -}}
{{- $values := index $.Values.worker.lanes $lane -}}
{{- if $values.enabled -}}
{{- $max := int (include "genfleet.laneMaxReplicas" (dict "root" $ "lane" $values)) -}}
{{- $min := int $values.autoscaling.minReplicas -}}
{{- if gt $max $partitions -}}
{{- $errors = append $errors (printf "worker.lanes.%s.autoscaling.maxReplicas (%d) is above topics.partitions (%d): pods beyond the partition count get no partition and sit idle; lower it, or leave it 0 to follow the partition count" $lane $max $partitions) -}}
{{- end -}}
{{- if and $autoscaled (gt $min $max) -}}
{{- $errors = append $errors (printf "worker.lanes.%s.autoscaling.minReplicas (%d) is above its maxReplicas (%d)" $lane $min $max) -}}
{{- end -}}
{{- if and $.Values.autoscaling.hpa.enabled (lt $min 1) -}}
{{- $errors = append $errors (printf "worker.lanes.%s.autoscaling.minReplicas is 0, which the HPA cannot do: use at least 1, or KEDA to scale to zero" $lane) -}}
{{- end -}}
{{- if and (not $autoscaled) (gt (int $values.replicas) $partitions) -}}
{{- $errors = append $errors (printf "worker.lanes.%s.replicas (%d) is above topics.partitions (%d): pods beyond the partition count get no partition and sit idle" $lane (int $values.replicas) $partitions) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- if ge (int .Values.aggregator.standbyReplicas) (int .Values.aggregator.replicas) -}}
{{- $errors = append $errors (printf "aggregator.standbyReplicas (%d) needs at least %d aggregator.replicas: a standby copy must live on another instance than the active one" (int .Values.aggregator.standbyReplicas) (add1 (int .Values.aggregator.standbyReplicas))) -}}
{{- end -}}

{{- if $errors -}}
{{- fail (printf "\n\ngenfleet: invalid values\n  - %s\n" (join "\n  - " $errors)) -}}
{{- end -}}
{{- end -}}
