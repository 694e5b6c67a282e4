// A category's name with its colour as a swatch (the name carries the meaning; colour only helps).
export function CategoryLabel({ name, colour }: { name: string; colour: string }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span aria-hidden="true" className="inline-block size-3.5 shrink-0 rounded-full border border-solid-gray-600" style={{ backgroundColor: colour }} />
      {name}
    </span>
  );
}
