import { ScreenTitle } from './ScreenTitle';

/** A section that later issues fill in. */
export function Placeholder({ title, description }: { title: string; description: string }) {
  return (
    <>
      <ScreenTitle>{title}</ScreenTitle>
      <div className="panel placeholder">
        <p className="placeholder-lead">Chức năng đang được xây dựng.</p>
        <p>{description}</p>
      </div>
    </>
  );
}
