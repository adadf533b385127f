import type { Role } from '../../../shared/api/auth';
import { hrefFor, navItemsFor, sectionOf } from '../routing';

export function NavMenu({ currentPath, appVersion, role }: { currentPath: string; appVersion: string; role: Role }) {
  const section = sectionOf(currentPath);
  return (
    <nav className="app-nav" aria-label="Chức năng chính">
      <ul>
        {navItemsFor(role).map((item) => (
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
