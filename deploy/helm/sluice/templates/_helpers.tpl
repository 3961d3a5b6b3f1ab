{{/* The name of one database's resources: <release>-<database>. */}}
{{- define "sluice.instanceName" -}}
{{- printf "%s-%s" .root.Release.Name .db.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sluice.labels" -}}
app.kubernetes.io/name: sluice
app.kubernetes.io/instance: {{ include "sluice.instanceName" . }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "sluice.selectorLabels" -}}
app.kubernetes.io/name: sluice
app.kubernetes.io/instance: {{ include "sluice.instanceName" . }}
{{- end -}}

{{/* A database's settings: the shared ones, its own over them, and SLUICE_NAME defaulting to its name. */}}
{{- define "sluice.settings" -}}
{{- $settings := merge (deepCopy (default dict .db.settings)) (deepCopy (default dict .root.Values.settings)) -}}
{{- if not (hasKey $settings "SLUICE_NAME") -}}
{{- $_ := set $settings "SLUICE_NAME" .db.name -}}
{{- end -}}
{{- if include "sluice.standby" . -}}
{{- $_ := set $settings "SLUICE_STANDBY" "true" -}}
{{- end -}}
{{- toYaml $settings -}}
{{- end -}}

{{/* Fails the rendering when a database entry cannot work, naming the entry and the fix. */}}
{{- define "sluice.validate" -}}
{{- $db := .db -}}
{{- $settings := fromYaml (include "sluice.settings" .) -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" $db.name) -}}
{{- fail (printf "databases: name %q must be lower-case letters, digits and '-' (it names Kubernetes resources)" $db.name) -}}
{{- end -}}
{{- if not (hasKey $settings "SLUICE_MYSQL_HOST") -}}
{{- fail (printf "databases[%s]: settings.SLUICE_MYSQL_HOST is required (the source server's address)" $db.name) -}}
{{- end -}}
{{- if not (or (hasKey $settings "SLUICE_TABLES") (hasKey $settings "SLUICE_TABLES_FILE")) -}}
{{- fail (printf "databases[%s]: settings.SLUICE_TABLES is required (the tables to capture, e.g. \"shop.*\")" $db.name) -}}
{{- end -}}
{{- range $secret := list "SLUICE_MYSQL_PASSWORD" "SLUICE_SSH_PRIVATE_KEY" "SLUICE_SSH_PASSPHRASE" "SLUICE_COLUMN_MASK_HASH_SALT" "KAFKA_SASL_JAAS_CONFIG" -}}
{{- if hasKey $settings $secret -}}
{{- fail (printf "databases[%s]: %s is a secret and must not be a plain setting; put it in the Secret %q and map %s_FILE to its key under secretFiles" $db.name $secret (default "" $db.secretName) $secret) -}}
{{- end -}}
{{- end -}}
{{- if and (not $db.secretName) (default $.root.Values.secretFiles $db.secretFiles) -}}
{{- fail (printf "databases[%s]: secretName is required: the Secret holding %s" $db.name (values (default $.root.Values.secretFiles $db.secretFiles) | sortAlpha | join ", ")) -}}
{{- end -}}
{{- end -}}

{{/* Whether a database runs with a standby pod: its own `standby`, else the chart's. */}}
{{- define "sluice.standby" -}}
{{- if hasKey .db "standby" -}}{{- if .db.standby -}}true{{- end -}}
{{- else if .root.Values.standby -}}true{{- end -}}
{{- end -}}
