// An independent OpenID Connect provider for the sign-in tests: panva's oidc-provider
// (package.json pins it) with its library defaults — conformIdTokenClaims on, so e-mail
// claims come only from the userinfo endpoint, and its development login and consent
// pages — run on 127.0.0.1 beside the project's own provider (tests/oidc_provider.py).
//
// It listens on a free port and prints {"issuer": ...} on one line; it then reads the
// app's redirect URI (the app's port is known only once it runs) from the first line of
// stdin, registers the one confidential client for it, and prints {"ready": true}.
// Accounts (any password): reviewer, reader, unverified (a listed address the provider
// does not vouch for).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';

import Provider from 'oidc-provider';

const CLIENT_ID = process.env.OIDC_CLIENT_ID || 'gfmd-dashboard';
const CLIENT_SECRET = process.env.OIDC_CLIENT_SECRET || 'independent-provider-secret';

const ACCOUNTS = {
  reviewer: { email: 'reviewer@ministry.example', email_verified: true, name: 'Rania Reviewer' },
  reader: { email: 'reader@ministry.example', email_verified: true, name: 'Rachid Reader' },
  unverified: { email: 'reviewer@ministry.example', email_verified: false, name: 'Unverified' },
};

function configuration(redirectUri) {
  return {
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    async findAccount(ctx, id) {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, async claims() { return { sub: id, ...account }; } };
    },
  };
}

const pending = [];
let handler = null;
const server = createServer((req, res) => {
  if (handler) handler(req, res);
  else pending.push([req, res]);
});

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.once('line', (redirectUri) => {
    const provider = new Provider(issuer, configuration(redirectUri.trim()));
    handler = provider.callback();
    for (const [req, res] of pending.splice(0)) handler(req, res);
    process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  });
  lines.on('close', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
});
