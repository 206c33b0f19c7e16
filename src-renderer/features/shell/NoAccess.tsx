// Browser mode without a valid token: the core refuses every call, so instead of an empty queue
// and a pile of "Refused" errors the page says what happened and how to get in.
export function NoAccess() {
  return (
    <section className="page no-access" role="alert" aria-labelledby="no-access-title">
      <h2 id="no-access-title" className="page-title">
        This page needs its access link
      </h2>
      <p>
        WebRun Desk refused this page because it has no valid access token. The token is part of the
        link that <code>webrun-desk serve</code> printed when it started, and a new one is made each
        time it starts. Your tasks and history are safe; they are just not shown without it.
      </p>
      <ol>
        <li>
          Open the link the terminal printed after <strong>Open:</strong> (it ends in{' '}
          <code>/?token=…</code>).
        </li>
        <li>
          If that terminal is closed or the server was restarted, run <code>webrun-desk serve</code>{' '}
          again and open the new link.
        </li>
      </ol>
    </section>
  );
}
