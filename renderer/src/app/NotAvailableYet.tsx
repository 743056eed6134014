// A clearly marked placeholder for features whose back end does not exist yet (the ML parts).
export function NotAvailableYet({ what, needs }: { what: string; needs: string }) {
  return (
    <div className="not-available" data-testid="not-available">
      <strong>Not available yet.</strong> {what} will appear here once {needs} land.
    </div>
  );
}
