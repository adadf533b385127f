import { NAV_ITEMS, hrefFor, sectionOf } from '../routing';

export function NavMenu({ currentPath, appVersion }: { currentPath: string; appVersion: string }) {
  const section = sectionOf(currentPath);
  return (
    <nav className="app-nav" aria-label="Chức năng chính">
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.path}>
            <a href={hrefFor(item.path)} aria-current={item.path === section ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
      <p className="app-version">Phiên bản {appVersion}</p>
    </nav>
  );
}
