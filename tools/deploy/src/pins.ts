/**
 * The versions a new cluster gets and the minimum tools it needs. Each says where it is published.
 * MetalLB's own pin (version, URL, sha256) lives in k8s/vendor/metallb/release.env.
 */

/**
 * Kubernetes for a new profile (`minikube start --kubernetes-version`). The pinned MetalLB v0.16.1
 * is built against Kubernetes 1.34's client libraries (its go.mod at tag v0.16.1: k8s.io/api,
 * k8s.io/client-go v0.34.1), and minikube v1.37.0 made v1.34.0 its default and newest version
 * (pkg/minikube/constants/constants.go at tag v1.37.0: DefaultKubernetesVersion = "v1.34.0").
 */
export const KUBERNETES_VERSION = 'v1.34.0';

/**
 * The oldest minikube that knows KUBERNETES_VERSION (see above: v1.37.0 is the first release whose
 * NewestKubernetesVersion is v1.34.0; older ones refuse or warn about a newer Kubernetes).
 */
export const MINIKUBE_MIN_VERSION = 'v1.37.0';

/**
 * kubectl may be one minor older or newer than the server (Kubernetes' version skew policy,
 * kubernetes.io/releases/version-skew-policy/#kubectl; minikube start warns past that skew:
 * cmd/minikube/cmd/start.go, minorSkew > 1).
 */
export const KUBECTL_MAX_MINOR_SKEW = 1;

/** The CNI of a new profile: minikube's calico enforces NetworkPolicies (its default bridge CNI does not). */
export const CNI = 'calico';
