export function SiteFooter({ siteName }: { siteName: string }) {
  return (
    <footer className="site-footer">
      <p>
        © {new Date().getFullYear()} {siteName}
      </p>
    </footer>
  );
}
