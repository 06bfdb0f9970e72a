/** `./setup.sh --help`. */
import { DEFAULT_LB_OCTET } from './options.js';
import { KUBERNETES_VERSION, MINIKUBE_MIN_VERSION } from './pins.js';

export function usage(profile: string): string {
  return `ft_services setup: seven services on minikube behind one MetalLB address.

Usage:
  ./setup.sh [up] [options]        deploy or update on minikube (the default command)
  ./setup.sh verify [options]      prove the deploy from this host (also the last step of up)
  ./setup.sh status [options]      health of every service, the address, restarts, NetworkPolicies
                                   (--json: the same as JSON; --token: a 1-hour dashboard token;
                                   --versions: the apk versions each running image was built with)
  ./setup.sh delete [--purge]      remove the platform; data volumes are kept unless --purge
  ./setup.sh backup [FILE]         everything users created (MySQL, uploads, FTP files, metrics) in
                                   one checked archive; the platform stays up (--with-secrets: the
                                   secrets too, encrypted with FT_BACKUP_PASSPHRASE or
                                   --passphrase-file FILE)
  ./setup.sh restore FILE          check the archive whole, then put it back (a local-mode archive
                                   too) and verify; a platform with content needs --force
  ./setup.sh local [up|down|status|verify|backup|restore] [options]
                                   run the same services on this Debian/Ubuntu host, no Kubernetes
                                   (--state-dir DIR, --address IP, --internal-address IP,
                                   --timeout S, --services a,b, status --json; see README.md)
  ./setup.sh --help

What 'up' does, in order (every step is safe to repeat):
  1. checks docker, minikube (${MINIKUBE_MIN_VERSION} or newer), kubectl, not running as root, and the
     docker engine (Docker Desktop and rootless Docker are refused for the docker driver);
  2. builds the agents and the secrets CLI (nx, cached);
  3. starts minikube profile '${profile}' (a new profile: Kubernetes ${KUBERNETES_VERSION}, runtime docker, CNI
     calico so NetworkPolicies are enforced), checks kubectl is within one minor of the server,
     enables the dashboard and metrics-server addons, and removes the label
     node.kubernetes.io/exclude-from-external-load-balancers from every node (MetalLB's speaker
     announces nothing from a node that has it);
  4. picks the load-balancer address: the one remembered in state/cluster/address, else minikube's
     IP with the last octet set to ${DEFAULT_LB_OCTET} (--address or --lb-octet change it);
  5. installs MetalLB (downloaded once, checked against its pinned sha256) and waits for it;
  6. builds the seven images inside minikube's Docker (the default builder); an image whose inputs
     did not change is not rebuilt;
  7. generates the secrets once (state/cluster/, mode 600, outside git) and stores them as
     Kubernetes Secrets; later runs re-use them: no new passwords;
  8. applies k8s/overlays/minikube with the address filled in, waits for every rollout, and fails
     naming the service, the probe and the log lines when one does not come up;
  9. verify: every LoadBalancer Service has the address, then the client checks from this host
     (HTTP, TLS, FTPS, SSH, logins); a failure names the check and prints the diagnosis;
 10. prints every URL, user and password, the FTPS and SSH commands.

Options:
  --dry-run          print every command it would run, run none (works without minikube/docker)
  --profile NAME     minikube profile (default: ft-services; env FT_MINIKUBE_PROFILE)
  --driver NAME      minikube driver for a new profile (default: docker on Linux, vfkit on macOS;
                     env FT_MINIKUBE_DRIVER). The docker driver is refused on macOS, on Docker
                     Desktop and on rootless Docker: the address is not reachable from the host
                     there; use kvm2 (Linux) or vfkit (macOS)
  --cpus N           CPUs for a new profile (default 2; env FT_MINIKUBE_CPUS)
  --memory MB        memory for a new profile (default 4096; env FT_MINIKUBE_MEMORY)
  --disk SIZE        disk for a new profile (default 20g; env FT_MINIKUBE_DISK)
  --lb-octet N       last octet of the load-balancer address (env FT_LB_OCTET)
  --address IP       the load-balancer address itself, in minikube's /24 (env FT_LB_ADDRESS)
  --timeout SECONDS  how long to wait for all services (default 900; env FT_TIMEOUT)
  --rebuild          rebuild every image even when its inputs did not change
  --purge            with delete: also delete the namespace and its volumes (MySQL, InfluxDB, FTP data)
  --json, --token, --versions   with status (above)

Output: a task list with the time of each step on a terminal; plain lines otherwise (NO_COLOR
is respected).

Data and secrets: the PersistentVolumeClaims data-mysql-0, data-influxdb-0 and data-ftps-0 survive
'up' and 'delete'. Generated passwords, keys and the TLS certificate live in state/cluster/
(never in git); delete that directory only together with 'delete --purge'.
`;
}
