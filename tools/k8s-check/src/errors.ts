/**
 * Every rule the checker enforces, with its stable id: the ids are what a failing run prints and
 * what the tests expect, so they never change meaning. One place, so the README and the report can
 * list them from here.
 */
export const RULES = {
  // Rendering and schema
  K8S_RENDER: 'the kustomization renders with `kubectl kustomize` into YAML objects',
  K8S_SCHEMA: 'every object is valid against the Kubernetes schema (kubernetes-models) or its CRD',
  K8S_UNKNOWN_FIELD: 'no field the schema does not know (kubectl apply rejects them in strict mode)',
  K8S_UNKNOWN_KIND: 'every apiVersion/kind is a built-in kind or defined by a CRD the checker has',
  K8S_API_RULES: 'what the API server checks beyond the schema: names, port names, selectors match the pod labels',
  K8S_REFERENCE: 'ConfigMaps (and keys) and ServiceAccounts a pod uses are in the rendering',
  K8S_NAMESPACE: 'the services live in namespace ft-services, which the rendering creates',
  // Services (SPEC: types, one shared IP, ports, no NodePort/Ingress)
  K8S_SERVICE_MISSING: 'each of the seven services has a Service named after it',
  K8S_SERVICE_TYPE: 'mysql and influxdb are ClusterIP, the other five LoadBalancer',
  K8S_SERVICE_PORTS: "each Service lists exactly SPEC.md's ports, with targetPort = port",
  K8S_PORT_CONFLICT: 'no two LoadBalancer Services share a port (they share one IP)',
  K8S_SHARED_IP: 'every LoadBalancer Service carries the same MetalLB shared-IP key and requested IP',
  K8S_PASSIVE_RANGE: "the ftps Service lists every passive port of the container's range",
  K8S_NODEPORT: 'no NodePort Service, no nodePort, LoadBalancers allocate no node ports, no hostPort/hostNetwork pod',
  K8S_INGRESS: 'no Ingress (MetalLB is the only entry point)',
  K8S_SERVICE_SELECTOR: "a Service selects its workload's pods; a named targetPort exists on the container",
  K8S_METALLB: 'an IPAddressPool and an L2Advertisement announcing it exist',
  // Workloads
  K8S_WORKLOAD: 'each service runs as one Deployment or StatefulSet named after it, container of the same name',
  K8S_PROBES: 'every container has liveness and readiness probes: httpGet /healthz and /readyz on the agent port',
  K8S_IMAGE: 'each container runs the project image ft_services/<service>:latest',
  K8S_PULL_POLICY: 'every container of the services has imagePullPolicy Never',
  K8S_PVC: 'mysql, influxdb and ftps keep their data directory, wordpress its uploads, on a PersistentVolumeClaim',
  K8S_PVC_STRATEGY: 'a Deployment with a ReadWriteOnce claim runs one replica with strategy Recreate',
  K8S_GRACEFUL_STOP: 'wordpress and phpmyadmin have a preStop delay (endpoints drain) and a grace period covering it plus the graceful stop',
  K8S_SECRET_VALUE: 'no Secret data, password-like env/ConfigMap value or private key in the manifests',
  K8S_SECRET_REF: 'pods reference only the Secrets setup.sh creates (<service>-secrets, ft-tls, nginx-ssh-host-keys)',
  K8S_NETWORK_POLICY:
    "the namespace denies by default and its NetworkPolicies allow exactly the connections the services' env makes, the load-balancer ports from anywhere and DNS to kube-dns, nothing else",
  K8S_SECRET_FILE:
    'a setting its schema marks secret (password, key, salt, user list) reaches the container only as NAME_FILE into a mounted Secret, never as a variable',
  K8S_PRIVILEGES:
    "each container's securityContext is one the local mode reproduces (root, drop ALL, explicit adds) and equals tools/stack/container-privileges.json, which the local mode enforces",
  K8S_SERVICE_ENV:
    "each container's rendered env (values, ConfigMap keys, its generated Secret, _FILE paths into mounted Secrets) passes its service's env schema and the agent's, with no unknown variable",
  K8S_CATALOGUE_ENV:
    "each service's workload is of the catalogue's kind (@ft/platform) and its container's env is exactly the catalogue's: its settings with tools/stack's k8sConfigEnv values, EXTERNAL_HOST from ft-config, the pod name from the downward API, its accounts from <service>-secrets, its secrets as NAME_FILE into the mounted Secret",
  // Dockerfiles
  DOCKER_MISSING: 'every service folder has a Dockerfile',
  DOCKER_FROM: 'every FROM is alpine:${ALPINE_RELEASE}, declared by ARG ALPINE_RELEASE (no default) before it',
  DOCKER_RELEASE_PIN: 'tools/alpine-release pins one Alpine release and tools/docker-build.sh passes it',
  DOCKER_ENTRYPOINT: 'the image runs ENTRYPOINT ["/sbin/tini", "--"] and CMD ["node", "/agent.js"], both installed',
  DOCKER_DOWNLOAD:
    'every download has a pinned version in its URL and, in the same RUN, a pinned checksum verified or a GPG signature checked against a pinned key fingerprint',
  DOCKER_APK: 'apk add uses --no-cache and only the release repositories (no --allow-untrusted, -X, URLs)',
  DOCKER_SECRET: 'no secret-looking ENV/ARG value and no key file copied into an image',
  DOCKER_PIN_SOURCE: 'every pinned checksum or key fingerprint has a comment above it with the https:// address where it is published',
  DOCKER_TINI: 'the final image fails its build when /sbin/tini is missing (`test -x /sbin/tini` at or after the apk add)',
  DOCKER_APK_VERSIONS: 'after its last apk add the final image prints the installed package versions and keeps them in /etc/ft-services/apk-versions.txt',
  DOCKER_TAR_OWNER: "every tar extraction uses --no-same-owner: files come out root's, not owned by the uids stored in the archive",
  DOCKER_ADDUSER: "busybox adduser -S names its group (-G; without it the user lands in nogroup), and no guard reads shadow's exit status 9 (busybox exits 1)",
  DOCKER_CONTEXT_MODE: "files COPYed from the build context get a fixed mode (chmod with = for u, g and o) in a later RUN, whatever the build machine's umask",
  DOCKER_GRAFANA: 'grafana: the package is pinned below 13 (InfluxDB leaves core) and the build fails without the web UI (public/build)',
  DOCKER_IGNORE: 'every service has a .dockerignore that sends each file its Dockerfile COPYs and nothing else',
  // The services' source layout (services/README.md, "The shape of a service")
  SERVICE_ROLE_FILES:
    'every services/<name>/src has the role files: main, service, env (+ env.test, the README table), platform, paths, template-vars, init, checks, collectors',
  SERVICE_MAIN: "a service's main.ts only imports runAgent and its definition from service.ts and runs it",
  // Shell scripts and setup.sh
  SHELLCHECK: 'setup.sh and every shell script pass shellcheck',
  SETUP_DRY_RUN:
    '`setup.sh --dry-run` without minikube prints the whole plan (label removal, MetalLB and its sha256, Kubernetes version, builds, apply, verify) and exits 0',
  SETUP_SIZE: 'setup.sh is a bootstrap of at most 120 lines (the deploy itself is tools/deploy)',
  SETUP_PREREQ: '`setup.sh` without minikube and docker fails at the prerequisite check, naming minikube',
  // Package faces (issue 15 item 2)
  PACKAGE_EXPORTS: 'every workspace package.json has an exports map whose files exist, and no main or types beside it',
  PACKAGE_FACE: 'no import reaches another package by a relative path, or its src/ or test/ by its name: only through its exports map',
  TEST_HELPER_IN_SRC: "no module under a package's src/ but a *.test.ts imports vitest, @ft/testkit or a /testing face (testkit and bench excepted)",
  RUNTIME_BUNDLE_VITEST: "no runtime bundle (a package's dist/: the agents, the tools' CLIs) imports or carries vitest",
  TOOL_MISSING: 'the tools the checks run (kubectl, shellcheck) are installed',
} as const;

export type RuleId = keyof typeof RULES;

/** One broken rule: what prints as `<rule> <kind>/<name>: <message>`. */
export interface Violation {
  rule: RuleId;
  /** Kubernetes kind, or `Dockerfile`, `Script`, `Tool`, `Kustomization`. */
  kind: string;
  name: string;
  message: string;
}

export function violation(rule: RuleId, kind: string, name: string, message: string): Violation {
  return { rule, kind, name, message };
}

export function formatViolation(v: Violation): string {
  return `${v.rule} ${v.kind}/${v.name}: ${v.message}`;
}
