/**
 * How secrets are written for Grafana so that it reads them back unchanged (facts from Grafana's
 * source: pkg/setting/expanders.go, pkg/services/provisioning/values/values.go).
 */

/** grafana.ini: `$__file{path}`, expanded once (the file expander runs last), content trimmed. */
export function iniFileRef(file: string): string {
  if (/[}\s]/.test(file)) throw new Error(`grafana: ${file} cannot be named in $__file{} (no } or white space)`);
  return `$__file{${file}}`;
}

/**
 * A provisioning value (datasource YAML): Grafana splits it on `$$`, then expands each part twice,
 * so every `$` is doubled; JSON quoting makes it one YAML double-quoted scalar whatever it holds.
 */
export function provisioningLiteral(value: string): string {
  return JSON.stringify(value.replaceAll('$', '$$$$'));
}
