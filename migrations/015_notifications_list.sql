-- 015 (issue 10 §2, notifications): one's own list, newest first, read from an index in its order.
-- notifications_staff (staff_id, read_at, id) serves the header's count and the unread list; the
-- whole list (read and unread together) needs (staff_id, id), or it sorts all of one's notifications
-- on every page (15,000 of them: 0.8 s at the median, measured with 1,000,000 rows).
CREATE INDEX notifications_staff_list ON notifications(staff_id, id);
