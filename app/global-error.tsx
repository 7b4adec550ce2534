'use client';

// The root layout itself failed (it reads the section list from the database), so this page brings
// its own <html> and <body> and no data.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'Georgia, serif', maxWidth: '40rem', margin: '4rem auto', padding: '0 1rem' }}>
        {/* An error is not content: React hoists this into <head>, so crawlers do not index it. */}
        <meta name="robots" content="noindex" />
        <h1>Something went wrong</h1>
        <p>The site could not be loaded just now. Please try again in a moment.</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
