// Sign in and sign up. Signing in renders in place of the page asked for, so after an expired session
// the viewer lands back where they were.
import { useState, type FormEvent } from "react";
import { useServices } from "../app/services.tsx";
import { ErrorNotice } from "../ui/components.tsx";
import { ActionError, useAction } from "../ui/action.ts";
import { Link, navigate, paths } from "../router.tsx";
import { confirmSignUp, describeAuthError, resendConfirmationCode, signUp } from "./cognito.ts";

function Brand() {
  return (
    <div className="auth-brand" aria-hidden="true">
      MARQUEE
    </div>
  );
}

export function SignInPage({ expired }: { expired: boolean }) {
  const { session, config } = useServices();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [signIn, state] = useAction(async (address: string, secret: string) => {
    try {
      await session.signIn(address, secret);
    } catch (error) {
      throw new ActionError(describeAuthError(error, "signIn"));
    }
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(email, password);
  };
  return (
    <main className="auth-page" id="main">
      <Brand />
      <form className="auth-form" onSubmit={submit} aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Sign in</h1>
        {expired && (
          <p className="notice" role="status">
            Your session ended. Sign in to carry on where you were.
          </p>
        )}
        <label className="field">
          <span>Email</span>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        <ErrorNotice message={state.error} />
        <button type="submit" className="button button-primary button-wide" disabled={state.pending}>
          {state.pending ? "Signing in…" : "Sign in"}
        </button>
        <p className="auth-switch">
          New to Marquee? <Link to={paths.signUp()}>Create an account</Link>
        </p>
        {config.demoUsers && config.demoUsers.length > 0 && (
          <div className="demo-users">
            <p>Local stack demo accounts:</p>
            <ul>
              {config.demoUsers.map((user) => (
                <li key={user.email}>
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() => {
                      setEmail(user.email);
                      setPassword(user.password);
                    }}
                  >
                    Use {user.email}
                    {user.groups.length ? ` (${user.groups.join(", ")})` : ""}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </form>
    </main>
  );
}

export function SignUpPage() {
  const { session, config } = useServices();
  const settings = { endpoint: config.cognitoEndpoint, clientId: config.userPoolClientId };
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<"details" | "code">("details");
  const [notice, setNotice] = useState<string | null>(null);

  const finish = async () => {
    await session.signIn(email, password);
    navigate(paths.profiles(), { replace: true });
  };

  const [register, registerState] = useAction(async () => {
    try {
      const { confirmed } = await signUp(settings, email.trim(), password);
      if (confirmed) return await finish();
      if (config.localConfirmUrl) {
        // The local stack sends no email: its web server confirms the account (AdminConfirmSignUp).
        const response = await fetch(config.localConfirmUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: email.trim() }) });
        if (response.ok) return await finish();
      }
      setStep("code");
    } catch (error) {
      throw new ActionError(describeAuthError(error, "signUp"));
    }
  });
  const [confirm, confirmState] = useAction(async () => {
    try {
      await confirmSignUp(settings, email.trim(), code.trim());
      await finish();
    } catch (error) {
      throw new ActionError(describeAuthError(error, "confirm"));
    }
  });
  const [resend] = useAction(async () => {
    try {
      await resendConfirmationCode(settings, email.trim());
      setNotice(`We sent a new code to ${email.trim()}.`);
    } catch (error) {
      throw new ActionError(describeAuthError(error, "confirm"));
    }
  });

  return (
    <main className="auth-page" id="main">
      <Brand />
      {step === "details" ? (
        <form
          className="auth-form"
          aria-labelledby="sign-up-heading"
          onSubmit={(event) => {
            event.preventDefault();
            void register();
          }}
        >
          <h1 id="sign-up-heading">Create your account</h1>
          <label className="field">
            <span>Email</span>
            <input type="email" name="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              type="password"
              name="new-password"
              autoComplete="new-password"
              required
              minLength={8}
              aria-describedby="password-rules"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <small id="password-rules">At least 8 characters, with upper and lower case letters and a number.</small>
          </label>
          <ErrorNotice message={registerState.error} />
          <button type="submit" className="button button-primary button-wide" disabled={registerState.pending}>
            {registerState.pending ? "Creating your account…" : "Create account"}
          </button>
          <p className="auth-switch">
            Already have an account? <Link to={paths.home()}>Sign in</Link>
          </p>
        </form>
      ) : (
        <form
          className="auth-form"
          aria-labelledby="confirm-heading"
          onSubmit={(event) => {
            event.preventDefault();
            void confirm();
          }}
        >
          <h1 id="confirm-heading">Check your email</h1>
          <p>We sent a code to {email.trim()}. Enter it to finish creating your account.</p>
          <label className="field">
            <span>Code</span>
            <input inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(event) => setCode(event.target.value)} />
          </label>
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          <ErrorNotice message={confirmState.error} />
          <button type="submit" className="button button-primary button-wide" disabled={confirmState.pending}>
            {confirmState.pending ? "Confirming…" : "Confirm"}
          </button>
          <button type="button" className="button button-quiet" onClick={() => void resend()}>
            Send a new code
          </button>
        </form>
      )}
    </main>
  );
}
