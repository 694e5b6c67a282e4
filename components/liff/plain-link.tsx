// next/link for the LIFF bundles (lib/liff/bundle.ts aliases "next/link" here): LIFF pages have no
// Next client router, so a link is a plain <a> and the next page loads (and starts LIFF) by itself.
import type { AnchorHTMLAttributes } from "react";

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; prefetch?: boolean | null; replace?: boolean; scroll?: boolean };

export default function Link({ href, prefetch: _prefetch, replace: _replace, scroll: _scroll, ...rest }: Props) {
  return <a href={href} {...rest} />;
}
