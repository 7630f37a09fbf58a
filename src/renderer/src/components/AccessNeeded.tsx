/**
 * In the browser only: the page has no token, or the web host no longer takes the one it has. Each
 * start of the web host prints a new address; this says so plainly instead of failing call by call.
 */
export function AccessNeeded() {
  return (
    <main className="access-needed">
      <div className="access-card" role="alert">
        <h1>Open the address Roundtable printed</h1>
        <p>
          Each time Roundtable starts in the browser (<code>npm run serve</code>), it prints an address with a
          new key in it, for example <code>http://127.0.0.1:5190/?token=…</code>. This tab was opened without
          that key, or from an earlier start.
        </p>
        <p>Copy the address from the terminal where Roundtable is running and open it here.</p>
      </div>
    </main>
  )
}
