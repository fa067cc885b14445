import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cue } from '../../../src/formats/cue';
import { parseSubtitles, SubtitleParseError } from '../../../src/formats/subtitleReader';
import { ENDONYMS, isLanguage, LANGUAGES, type Language } from '../../../src/languages';
import type { Project } from '../../../src/model/project';
import { decodeText, DecodeError } from '../../../src/text/decode';
import { addDocument, newProject, type NewProjectReport } from '../../../src/usecases/newProject';
import { describeError } from '../describeError';
import type { StartFrom } from '../store/appState';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** A transcript as read from a file: timed cues from subtitles, or plain lines. */
type Transcript =
  | { readonly kind: 'cues'; readonly cues: ReadonlyArray<Cue>; readonly name: string }
  | { readonly kind: 'text'; readonly text: string; readonly name: string };

function transcriptFrom(text: string, name: string, subtitles: boolean): Transcript {
  if (!subtitles) return { kind: 'text', text, name };
  return { kind: 'cues', cues: parseSubtitles(text, { file: name }).cues, name };
}

/** The language choice with "guess from the letters" first. */
function GuessedLanguage(props: {
  readonly label: string;
  readonly value: Language | undefined;
  readonly onChange: (language: Language | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{props.label}</span>
      <select
        value={props.value ?? ''}
        onChange={(event) => props.onChange(isLanguage(event.target.value) ? event.target.value : undefined)}
      >
        <option value="">{t('newProject.guessLanguage')}</option>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {ENDONYMS[language]}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Starts a project (or adds a document to the open one) from an article text,
 * a subtitle file, a plain transcript, or nothing.
 *
 * The same use cases as `subrelay new`: the article is segmented in its
 * language with paragraphs kept and page furniture excluded (visible, and
 * includable again), subtitles become a timed transcript.
 */
export function NewProjectDialog(props: {
  /** `add`: a document for the open project rather than a new project. */
  readonly mode: 'new' | 'add';
  readonly project?: Project | undefined;
  readonly startFrom?: StartFrom | undefined;
  readonly onCreate: (project: Project, name: string, report: NewProjectReport) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const start = props.startFrom;
  const [title, setTitle] = useState(start?.name.replace(/\.[^.]+$/u, '') ?? '');
  const [articleText, setArticleText] = useState(start?.kind === 'text' ? start.text : '');
  const [articleLanguage, setArticleLanguage] = useState<Language>();
  const [transcript, setTranscript] = useState<Transcript | undefined>(() => {
    if (start?.kind !== 'subtitles') return undefined;
    try {
      return transcriptFrom(start.text, start.name, true);
    } catch {
      return undefined;
    }
  });
  const [transcriptLanguage, setTranscriptLanguage] = useState<Language>();
  const [problem, setProblem] = useState<string | undefined>(() => {
    if (start?.kind !== 'subtitles') return undefined;
    try {
      transcriptFrom(start.text, start.name, true);
      return undefined;
    } catch (caught) {
      return caught instanceof SubtitleParseError
        ? t('error.withFile', {
            file: start.name,
            message: t('problem.bad-subtitles', { line: caught.line, detail: caught.problem }),
          })
        : String(caught);
    }
  });
  const articleFileId = useId();
  const transcriptFileId = useId();

  async function readFile(file: File, language: Language | undefined): Promise<string | undefined> {
    const fail = (message: string): undefined => {
      setProblem(t('error.withFile', { file: file.name, message }));
      return undefined;
    };
    if (file.size > MAX_FILE_BYTES) return fail(t('problem.too-large', { size: file.size, limit: MAX_FILE_BYTES }));
    try {
      return decodeText(new Uint8Array(await file.arrayBuffer()), language === undefined ? {} : { language }).text;
    } catch (caught) {
      return fail(caught instanceof DecodeError ? t(`problem.decode-${caught.problem}`) : String(caught));
    }
  }

  function create(): void {
    setProblem(undefined);
    try {
      const article = articleText.trim() === '' ? undefined : { text: articleText, language: articleLanguage };
      const source =
        transcript === undefined
          ? undefined
          : transcript.kind === 'cues'
            ? { cues: transcript.cues, title: transcript.name.replace(/\.[^.]+$/u, '') }
            : { text: transcript.text, title: transcript.name.replace(/\.[^.]+$/u, '') };
      if (props.mode === 'add' && props.project !== undefined) {
        let project = props.project;
        const reports: NewProjectReport[] = [];
        if (article !== undefined) {
          const made = addDocument(project, { kind: 'article', ...article });
          project = made.project;
          reports.push(made.report);
        }
        if (source !== undefined) {
          const made = addDocument(project, { kind: 'transcript', ...source, language: transcriptLanguage });
          project = made.project;
          reports.push(made.report);
        }
        if (reports.length === 0) return setProblem(t('newProject.nothingToAdd'));
        props.onCreate(project, '', {
          documentIds: reports.flatMap((r) => r.documentIds),
          excluded: reports.flatMap((r) => r.excluded),
          messages: reports.flatMap((r) => r.messages),
        });
        return;
      }
      const made = newProject({
        ...(title.trim() !== '' ? { title: title.trim() } : {}),
        article,
        transcript: source,
        transcriptLanguage,
      });
      const name = `${(title.trim() || made.project.title).replace(/[\\/:*?"<>|]/gu, '-')}.subrelay`;
      props.onCreate(made.project, name, made.report);
    } catch (caught) {
      setProblem(describeError(caught, t));
    }
  }

  return (
    <Modal title={props.mode === 'add' ? t('newProject.addTitle') : t('newProject.title')} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create();
        }}
      >
        {start !== undefined && <p>{t('newProject.startingFrom', { name: start.name })}</p>}
        {props.mode === 'new' && (
          <label className="field">
            <span>{t('newProject.projectTitle')}</span>
            <input type="text" value={title} onChange={(event) => setTitle(event.target.value)} data-autofocus />
          </label>
        )}
        <fieldset>
          <legend>{t('newProject.article')}</legend>
          <label className="field">
            <span>{t('newProject.articleText')}</span>
            <textarea rows={5} value={articleText} onChange={(event) => setArticleText(event.target.value)} />
          </label>
          <div className="field">
            <label htmlFor={articleFileId}>{t('newProject.articleFile')}</label>
            <input
              id={articleFileId}
              type="file"
              accept=".txt,text/plain"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file !== undefined)
                  void readFile(file, articleLanguage).then((text) => text !== undefined && setArticleText(text));
              }}
            />
          </div>
          <GuessedLanguage
            label={t('newProject.articleLanguage')}
            value={articleLanguage}
            onChange={setArticleLanguage}
          />
          <p className="muted">{t('newProject.furniture')}</p>
        </fieldset>
        <fieldset>
          <legend>{t('newProject.transcript')}</legend>
          <div className="field">
            <label htmlFor={transcriptFileId}>{t('newProject.transcriptFile')}</label>
            <input
              id={transcriptFileId}
              type="file"
              accept=".srt,.vtt,.txt,text/plain,text/vtt"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file === undefined) return;
                void readFile(file, transcriptLanguage).then((text) => {
                  if (text === undefined) return;
                  try {
                    setTranscript(transcriptFrom(text, file.name, !/\.txt$/iu.test(file.name)));
                    setProblem(undefined);
                  } catch (caught) {
                    setProblem(
                      caught instanceof SubtitleParseError
                        ? t('error.withFile', {
                            file: file.name,
                            message: t('problem.bad-subtitles', { line: caught.line, detail: caught.problem }),
                          })
                        : String(caught),
                    );
                  }
                });
              }}
            />
          </div>
          {transcript !== undefined && (
            <p className="muted">
              {transcript.kind === 'cues'
                ? t('newProject.cuesRead', { count: transcript.cues.length, name: transcript.name })
                : t('newProject.linesRead', { name: transcript.name })}
            </p>
          )}
          <GuessedLanguage
            label={t('newProject.transcriptLanguage')}
            value={transcriptLanguage}
            onChange={setTranscriptLanguage}
          />
        </fieldset>
        {props.mode === 'new' && <p className="muted">{t('newProject.emptyHint')}</p>}
        <FormFooter
          problem={problem}
          cancelLabel={t('newProject.cancel')}
          submitLabel={props.mode === 'add' ? t('newProject.add') : t('newProject.create')}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  );
}
