'use client';

// Shown when a page fails to render, most often because the database cannot be reached. The reader
// gets a plain explanation and a way to retry; the details go to the server log, not the page.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="notice">
      {/* An error is not content: React hoists this into <head>, so crawlers do not index it. */}
      <meta name="robots" content="noindex" />
      <h1>Something went wrong</h1>
      <p>This page could not be loaded just now. Please try again in a moment.</p>
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </p>
    </div>
  );
}
