# Sourced by the benchmark scripts: the secrets a production instance refuses to start without (README, "Production"),
# made once under bench/.data/secrets and exported for every `dotnet Pantau.Web.dll` the script starts.
SECRETS=${SECRETS_DIR:-$ROOT/bench/.data/secrets}
mkdir -p "$SECRETS"
if [ ! -f "$SECRETS/keys.pfx" ]; then
  openssl rand -hex 32 > "$SECRETS/chain-key"
  openssl rand -hex 16 > "$SECRETS/password"
  openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -subj "/CN=Pantau bench key protection" \
    -keyout "$SECRETS/keys.key" -out "$SECRETS/keys.crt" 2>/dev/null
  openssl pkcs12 -export -inkey "$SECRETS/keys.key" -in "$SECRETS/keys.crt" -out "$SECRETS/keys.pfx" -passout "file:$SECRETS/password"
  rm -f "$SECRETS/keys.key"
fi
export Audit__ChainKey="$(cat "$SECRETS/chain-key")"
export DataProtection__Certificate__Path="$SECRETS/keys.pfx"
export DataProtection__Certificate__Password="$(cat "$SECRETS/password")"
