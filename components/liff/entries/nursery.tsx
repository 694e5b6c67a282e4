// /liff/nursery — 保育施設をさがす: near the current location, a district or a point on the map, for the
// child's age at the start month, with filters; nearest first, as a list and on a map.
import { mountLiffPage } from "@/components/liff/mount";
import { LiffNursery } from "@/components/nursery/liff-nursery";

mountLiffPage(<LiffNursery />);
