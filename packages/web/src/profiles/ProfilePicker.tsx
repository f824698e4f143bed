// "Who's watching?": the account's profiles, a PIN asked before switching to a protected one.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useClient, useQuery } from "urql";
import { ProfilesQuery, VerifyProfilePinMutation, type ProfileSummary } from "../api/documents.ts";
import { describeApiError } from "../api/errors.ts";
import { useProfileChoice } from "../app/services.tsx";
import { ErrorNotice } from "../ui/components.tsx";
import { ActionError, unwrap, useAction } from "../ui/action.ts";
import { Link, navigate, paths } from "../router.tsx";
import { avatarLabel, avatarUrl } from "./avatars.ts";

export const maxProfiles = 5;

export function ProfilePicker({ afterChoice }: { afterChoice?: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ProfilesQuery, requestPolicy: "cache-and-network" });
  const { choose } = useProfileChoice();
  const [asking, setAsking] = useState<ProfileSummary | null>(null);
  const profiles = data?.profiles ?? [];

  const pick = (profile: ProfileSummary) => {
    if (profile.hasPin) return setAsking(profile);
    choose(profile);
    if (afterChoice) navigate(afterChoice);
  };

  return (
    <main className="picker-page" id="main">
      <h1 className="picker-title">Who's watching?</h1>
      <ErrorNotice message={describeApiError(error)?.message} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      {fetching && profiles.length === 0 ? (
        <p role="status" className="picker-loading">
          Loading profiles…
        </p>
      ) : (
        <ul className="picker-list">
          {profiles.map((profile) => (
            <li key={profile.id}>
              <button type="button" className="picker-profile" onClick={() => pick(profile)}>
                <img src={avatarUrl(profile.avatar)} alt="" width={120} height={120} />
                <span className="picker-name">{profile.name}</span>
                <span className="picker-tags">
                  {profile.maturity === "KIDS" && <span className="badge badge-kids">Kids</span>}
                  {profile.hasPin && <span className="badge">PIN</span>}
                </span>
              </button>
            </li>
          ))}
          {profiles.length > 0 && profiles.length < maxProfiles && (
            <li>
              <Link to={paths.newProfile()} className="picker-profile picker-add">
                <span className="picker-plus" aria-hidden="true">
                  +
                </span>
                <span className="picker-name">Add profile</span>
              </Link>
            </li>
          )}
        </ul>
      )}
      {profiles.length > 0 && (
        <Link to={paths.manageProfiles()} className="button button-outline">
          Manage profiles
        </Link>
      )}
      {asking && (
        <PinDialog
          profile={asking}
          onClose={() => setAsking(null)}
          onVerified={() => {
            choose(asking);
            setAsking(null);
            if (afterChoice) navigate(afterChoice);
          }}
        />
      )}
    </main>
  );
}

export function PinDialog({ profile, onClose, onVerified }: { profile: ProfileSummary; onClose(): void; onVerified(): void }) {
  const client = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pin, setPin] = useState("");
  const [verify, state] = useAction(async (entered: string) => {
    const result = unwrap(await client.mutation(VerifyProfilePinMutation, { profileId: profile.id, pin: entered }).toPromise());
    const check = result.verifyProfilePin;
    if (check.ok) return onVerified();
    setPin("");
    if (check.retryAfterSeconds) throw new ActionError(`Too many wrong tries. Try again in ${check.retryAfterSeconds} seconds.`);
    throw new ActionError("That PIN isn't right. Try again.");
  });

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) {
      if (typeof element.showModal === "function") element.showModal();
      else element.setAttribute("open", "");
    }
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (/^\d{4}$/.test(pin)) void verify(pin);
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="pin-heading" onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit}>
        <img src={avatarUrl(profile.avatar)} alt={avatarLabel(profile.avatar)} width={72} height={72} className="dialog-avatar" />
        <h2 id="pin-heading">Enter the PIN for {profile.name}</h2>
        <label className="field">
          <span>4-digit PIN</span>
          <input
            className="pin-input"
            type="password"
            inputMode="numeric"
            pattern="\d{4}"
            maxLength={4}
            autoComplete="off"
            autoFocus
            required
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, "").slice(0, 4))}
          />
        </label>
        <ErrorNotice message={state.error} />
        <div className="dialog-actions">
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={state.pending || pin.length !== 4}>
            {state.pending ? "Checking…" : "Continue"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
