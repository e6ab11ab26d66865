// The back-office home page. (The upsell figures will live here.)
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { adminMeta } from "~/utils/admin-meta";
import { ADMIN_HEADERS, requireStaff } from "~/utils/auth.server";

export const meta: MetaFunction = () => adminMeta("Dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return json({ name: staff.name }, { headers: ADMIN_HEADERS });
}

export default function Dashboard() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Dashboard</h1>
      <p className="admin-lede">Welcome back, {name}.</p>
    </>
  );
}
