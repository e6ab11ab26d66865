import { useLoaderData } from "@remix-run/react";
import { getCatalog } from "~/models/catalog.server";

export function loader() {
  return { count: getCatalog().products.length };
}

export default function Index() {
  const { count } = useLoaderData<typeof loader>();
  return <p>{count} bags</p>;
}
