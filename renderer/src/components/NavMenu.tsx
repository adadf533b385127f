import type { Role } from '@shared/api/auth';
import { hrefFor, navItemsFor, sectionOf } from '../routing';
import { useOfficeMode } from '../officeMode';

export function NavMenu({
  currentPath,
  appVersion,
  role,
  collapsed,
  onToggle,
}: {
  currentPath: string;
  appVersion: string;
  role: Role;
  /** Folded to a narrow rail holding only the toggle (narrow windows, or the user's choice). */
  collapsed: boolean;
  onToggle: () => void;
}) {
  const section = sectionOf(currentPath);
  const mode = useOfficeMode();
  return (
    <nav className={collapsed ? 'app-nav app-nav-collapsed' : 'app-nav'} aria-label="Chức năng chính">
      <button
        type="button"
        className="app-nav-toggle"
        onClick={onToggle}
        aria-expanded={!collapsed}
        aria-controls="app-nav-list"
        title={collapsed ? 'Hiện thanh chức năng' : 'Thu gọn thanh chức năng'}
      >
        <span aria-hidden="true">{collapsed ? '☰' : '«'}</span>
        <span className={collapsed ? 'sr-only' : 'app-nav-toggle-text'}>
          {collapsed ? 'Hiện thanh chức năng' : 'Thu gọn'}
        </span>
      </button>
      <ul id="app-nav-list" hidden={collapsed}>
        {navItemsFor(role, mode).map((item) => (
          <li key={item.path}>
            <a href={hrefFor(item.path)} aria-current={item.path === section ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
      {!collapsed && <p className="app-version">Phiên bản {appVersion}</p>}
    </nav>
  );
}
