// A real OpenID provider (the certified `oidc-provider` package) for the single sign-on tests.
//
// node provider.js   with PORT, REDIRECT_URI and POST_LOGOUT_REDIRECT_URI in the environment.
// It listens on 127.0.0.1:PORT, registers one confidential client (interviewkit / test-secret)
// and three people who sign in with a password on a small login page of its own:
//   rita  (group "recruiters"), hank ("hiring-managers", "interviewers"), nora ("contractors",
//   which the tests map to nothing). Every password is "<name>-pw".
// It prints "ready <issuer>" once it accepts connections.
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;

const PEOPLE = {
  rita: { name: 'Rita Recruiter', email: 'rita@example.test', groups: ['recruiters'] },
  hank: { name: 'Hank Manager', email: 'hank@example.test', groups: ['hiring-managers', 'interviewers'] },
  nora: { name: 'Nora Contractor', email: 'nora@example.test', groups: ['contractors'] },
};

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:sans-serif;max-width:22rem;margin:2rem auto;padding:0 1rem;color:#111}
label,input,button{display:block;width:100%;margin:.3rem 0;font-size:1rem}
input{padding:.4rem;border:1px solid #555}button{padding:.5rem;background:#0b4f9c;color:#fff;border:0}
:focus-visible{outline:3px solid #b35900;outline-offset:2px}.error{color:#a00000}</style></head>
<body><h1>Test identity provider</h1>${body}</body></html>`;
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'interviewkit',
      client_secret: 'test-secret',
      redirect_uris: [process.env.REDIRECT_URI],
      post_logout_redirect_uris: [process.env.POST_LOGOUT_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  cookies: { keys: ['test-only-cookie-key'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource(ctx, form) {
        ctx.body = page('Sign out', `<p>Sign out of the test identity provider?</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`);
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const person = PEOPLE[id];
    if (!person) return undefined;
    const [given, family] = person.name.split(' ');
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: person.email,
          email_verified: true,
          name: person.name,
          given_name: given,
          family_name: family,
          preferred_username: id,
          groups: person.groups,
        };
      },
    };
  },
});

function loginForm(uid, error = '') {
  return page('Sign in', `${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="username">Username</label><input id="username" name="username" autocomplete="username" autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button></form>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    if (action !== 'login') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(uid));
      return;
    }
    const form = await readForm(req);
    const username = form.get('username') || '';
    if (!PEOPLE[username] || form.get('password') !== `${username}-pw`) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginForm(uid, 'Unknown username or wrong password.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: username } }, {
      mergeWithLastSubmission: false,
    });
    return;
  }
  // The consent prompt: the app is the company's own client, so every scope it asks is granted.
  const { session, params, prompt, grantId } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, {
    mergeWithLastSubmission: true,
  });
}

const handle = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/(login))?/.exec(req.url);
  if (!match) {
    handle(req, res);
    return;
  }
  interaction(req, res, match[1], match[2]).catch((error) => {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error));
  });
});
server.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
